package io.jiebang.platform.eventstore;

import io.jiebang.platform.domain.Aggregate;
import java.util.function.Function;

/** A kind of event stream (one per aggregate type) and how to make an empty aggregate of it. */
public record StreamType<A extends Aggregate>(String name, Function<String, A> factory) {

    public String key(String id) {
        return name + ":" + id;
    }
}
