package io.jiebang.events.directory;

import io.jiebang.events.DomainEvent;

/**
 * A kind of matter in the three-class taxonomy (三事分流): its class is one of personal urgent matters,
 * neighbour disputes or residents' shared wishes. Key: code.
 */
public record CategoryDefined(String code, String name, String nameEn, String classCode, String className,
                              String classNameEn) implements DomainEvent {

    @Override
    public String aggregateId() {
        return code;
    }
}
