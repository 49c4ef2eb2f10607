package io.jiebang.events.batch;

/** The batch is over: it takes no topics and no claims. */
public record BatchClosed(String batchId) implements BatchEvent {
}
