package io.jiebang.topic.domain;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.directory.CategoryDefined;
import io.jiebang.platform.domain.Aggregate;
import java.util.List;

/** A kind of matter in the three-class taxonomy (三事分流). Redefining it with other words is recorded. */
public final class Category implements Aggregate {

    private final String code;
    private CategoryDefined definition;

    public Category(String code) {
        this.code = code;
    }

    public List<DomainEvent> define(String name, String nameEn, String classCode, String className, String classNameEn) {
        CategoryDefined wanted = new CategoryDefined(code, name, nameEn, classCode, className, classNameEn);
        return wanted.equals(definition) ? List.of() : List.of(wanted);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof CategoryDefined defined) {
            definition = defined;
        }
    }

    public boolean isDefined() {
        return definition != null;
    }
}
