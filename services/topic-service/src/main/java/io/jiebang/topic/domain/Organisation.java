package io.jiebang.topic.domain;

import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.platform.domain.Aggregate;
import java.util.List;

/** A department or street office in the board's directory. */
public final class Organisation implements Aggregate {

    private final String id;
    private OrgKind kind;
    private String name;

    public Organisation(String id) {
        this.id = id;
    }

    /** Registers the organisation once; registering it again changes nothing. */
    public List<DomainEvent> register(String name, String nameEn, OrgKind kind, String parentId) {
        if (isRegistered()) {
            return List.of();
        }
        return List.of(new OrgRegistered(id, name, nameEn, kind, parentId));
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof OrgRegistered registered) {
            kind = registered.kind();
            name = registered.name();
        }
    }

    public boolean isRegistered() {
        return kind != null;
    }

    public String id() {
        return id;
    }

    public OrgKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
