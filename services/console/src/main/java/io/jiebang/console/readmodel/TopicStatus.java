package io.jiebang.console.readmodel;

/** The lifecycle of a topic as the board shows it (docs/domain.md). */
public enum TopicStatus {
    DRAFT, OPEN, AWARDED, IN_PROGRESS, RESOLUTION_SUBMITTED, RESOLVED, CLOSED, REOPENED, WITHDRAWN, UNCLAIMED
}
