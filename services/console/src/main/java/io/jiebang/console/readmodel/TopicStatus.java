package io.jiebang.console.readmodel;

/**
 * The lifecycle of a topic as the board shows it (docs/domain.md). CLOSED_UNRATED: closed after an evaluation with
 * fewer votes than its quorum (INCONCLUSIVE): resolved, but not rated (docs/rules.md).
 */
public enum TopicStatus {
    DRAFT, OPEN, AWARDED, IN_PROGRESS, RESOLUTION_SUBMITTED, RESOLVED, CLOSED, CLOSED_UNRATED, REOPENED, WITHDRAWN, UNCLAIMED
}
