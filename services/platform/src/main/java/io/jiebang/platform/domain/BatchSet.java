package io.jiebang.platform.domain;

/** The name of the set of one batch's topics (see {@link Aggregate#sets()}), the same in every service. */
public final class BatchSet {

    private BatchSet() {
    }

    public static String of(String batchId) {
        return "batch:" + batchId;
    }
}
