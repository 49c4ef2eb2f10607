package io.jiebang.e2e.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The traffic of the benchmark, per 100 requests: what the board's users do and how often. This is the one
 * place to change the mix. Reads outnumber commands, as on a board people mostly look at; among commands,
 * progress reports are the most frequent, as each awarded topic is reported on again and again.
 */
public final class Mix {

    public enum Kind { COMMAND, READ }

    public enum Operation {
        // Commands: 40 of every 100 requests
        /** The awarded lead reports progress (dispatch-service). */
        REPORT_PROGRESS(Kind.COMMAND, 16),
        /** A street drafts a topic, alternately first-come and poster-selects (topic-service). */
        POST_TOPIC(Kind.COMMAND, 3),
        /** ...and publishes a draft (topic-service). */
        PUBLISH_TOPIC(Kind.COMMAND, 3),
        /** A department claims a first-come topic alone: awarded at once (claim-service). */
        CLAIM_FIRST_COME(Kind.COMMAND, 3),
        /** A department bids on a poster-selects topic with a co-claimant (组团认领, claim-service). */
        BID_AS_GROUP(Kind.COMMAND, 4),
        /** The poster awards one of the bids (claim-service). */
        AWARD_BID(Kind.COMMAND, 1),
        /** The lead submits its resolution (resolution-service). */
        SUBMIT_RESOLUTION(Kind.COMMAND, 3),
        /** The poster accepts the resolution, or rejects one in three (resolution-service). */
        VERDICT(Kind.COMMAND, 3),
        /** The poster asks for ten one-time evaluation links (resolution-service). */
        ISSUE_EVALUATION_LINKS(Kind.COMMAND, 1),
        /** A resident votes through a link, without logging in (resolution-service). */
        EVALUATION_VOTE(Kind.COMMAND, 3),

        // Reads: 60 of every 100
        /** A topic's page: every field and its timeline (console read model). */
        TOPIC_PAGE(Kind.READ, 32),
        /** The board: one page of the batch's topics, filtered by state (console read model). */
        BOARD_LIST(Kind.READ, 24),
        /** The batch dashboard's four rates, counted afresh from every topic (resolution-service, through the gateway). */
        BATCH_STATS(Kind.READ, 2),
        /** The leaderboard, likewise (resolution-service, through the gateway). */
        LEADERBOARD(Kind.READ, 2);

        private final Kind kind;
        private final int weight;

        Operation(Kind kind, int weight) {
            this.kind = kind;
            this.weight = weight;
        }

        public boolean isCommand() {
            return kind == Kind.COMMAND;
        }

        public int weight() {
            return weight;
        }

        public String label() {
            return name().toLowerCase();
        }
    }

    private static final int TOTAL = Arrays.stream(Operation.values()).mapToInt(op -> op.weight).sum();

    private final List<Operation> deck = deal();
    private final AtomicLong drawn = new AtomicLong();

    /** The next operation: the same interleaved sequence every run, so two runs send the same traffic. */
    Operation next() {
        return deck.get((int) (drawn.getAndIncrement() % deck.size()));
    }

    /** Commands among all requests: a step of r commands/s sends r / commandShare requests/s. */
    static double commandShare() {
        return Arrays.stream(Operation.values()).filter(Operation::isCommand).mapToInt(op -> op.weight).sum() / (double) TOTAL;
    }

    /** Smooth weighted round-robin: each operation as evenly spread over the 100 slots as its weight allows. */
    private static List<Operation> deal() {
        Operation[] ops = Operation.values();
        int[] credit = new int[ops.length];
        List<Operation> deck = new ArrayList<>(TOTAL);
        for (int slot = 0; slot < TOTAL; slot++) {
            int best = 0;
            for (int i = 0; i < ops.length; i++) {
                credit[i] += ops[i].weight;
                if (credit[i] > credit[best]) {
                    best = i;
                }
            }
            credit[best] -= TOTAL;
            deck.add(ops[best]);
        }
        return List.copyOf(deck);
    }
}
