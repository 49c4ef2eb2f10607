package io.jiebang.e2e.bench;

import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * One request of the load, and what its answer changes in the inventory.
 *
 * @param label          what is measured: an operation of the mix, or a baseline
 * @param substitutedFor the operation of the mix this one stands in for, when none of its topics was ready; or null
 */
record Call(String label, boolean command, HttpRequest request, Mix.Operation substitutedFor, Consumer<Answer> then) {

    static Call of(String label, boolean command, HttpRequest request) {
        return new Call(label, command, request, null, answer -> { });
    }

    Call standingInFor(Mix.Operation operation) {
        return new Call(label, command, request, operation, then);
    }
}
