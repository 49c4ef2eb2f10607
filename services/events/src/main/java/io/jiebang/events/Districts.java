package io.jiebang.events;

/**
 * Districts (区), the board's tenants: each owns its directory, batches, topics, rates and leaderboard, and every
 * event carries the district it belongs to ({@link EventEnvelope#district()}). docs/tenancy.md.
 */
public final class Districts {

    /**
     * The district of every event written before districts existed (no {@code district} attribute), and of a token
     * without a {@code district} claim: the board served one district then, and it is this one.
     */
    public static final String FIRST = "d1";

    private Districts() {
    }
}
