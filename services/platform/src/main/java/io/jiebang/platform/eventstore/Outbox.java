package io.jiebang.platform.eventstore;

/** Where committed events go to be published: told of each commit as soon as it is stored. */
public interface Outbox {

    /** A commit with events to publish was stored. */
    void committed(PendingCommit commit);

    /**
     * A store write failed in a way that leaves open whether it happened (a timeout, a lost connection): the
     * commit may be stored without {@link #committed} having been told, so the store must be searched.
     */
    void uncertain();
}
