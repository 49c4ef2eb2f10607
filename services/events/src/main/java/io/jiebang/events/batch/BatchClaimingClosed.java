package io.jiebang.events.batch;

/** No more first-round claims: by the coordinator, or because the claim deadline passed. */
public record BatchClaimingClosed(String batchId, Cause cause) implements BatchEvent {

    public enum Cause {
        COORDINATOR, DEADLINE
    }
}
