package io.jiebang.events;

public enum ClaimMode {
    /** The first valid claim is awarded at once. */
    FIRST_COME,
    /** Bids until the claim deadline; the poster awards one, the others are declined. */
    POSTER_SELECTS
}
