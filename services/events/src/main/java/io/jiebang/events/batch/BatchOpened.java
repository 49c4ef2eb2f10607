package io.jiebang.events.batch;

/** The batch takes topics, and claims inside its window. */
public record BatchOpened(String batchId) implements BatchEvent {
}
