package io.jiebang.claim.application;

import io.jiebang.claim.domain.ClaimRequest;
import io.jiebang.claim.domain.Claimant;
import io.jiebang.claim.domain.TopicMarket;
import io.jiebang.platform.command.Answers;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Ids;
import io.jiebang.platform.command.Outcome;
import io.jiebang.platform.domain.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Claims (揭榜) and what follows them: awards, withdrawals, assignments. */
@Service
public class ClaimUseCases {

    private final CommandExecutor executor;
    private final Answers answers;
    private final Clock clock;
    private final AwardTimes awardTimes;

    public ClaimUseCases(CommandExecutor executor, Answers answers, Clock clock, AwardTimes awardTimes) {
        this.executor = executor;
        this.answers = answers;
        this.clock = clock;
        this.awardTimes = awardTimes;
    }

    public record ClaimAnswer(String id, String topicId, String status) {
    }

    public record TopicAnswer(String id, String change) {
    }

    public Mono<Outcome> claim(CommandMeta meta, String topicId, ClaimRequest request) {
        String claimId = Ids.next("c");
        Instant now = clock.instant();
        String leadId = meta.actor().orgId();
        // Who may claim is the market's rule; a caller acting for no organisation just has nothing to look up.
        Mono<Claimant> lead = leadId == null ? Mono.just(new Claimant(null))
                : executor.readFor(meta.actor(), ClaimStreams.ORGANISATIONS, leadId);
        Mono<Map<String, Claimant>> coClaimants = Flux.fromIterable(request.coClaimantOrgIds()).distinct()
                .concatMap(id -> executor.readFor(meta.actor(), ClaimStreams.ORGANISATIONS, id))
                .collectMap(Claimant::id, Function.identity());
        return executor.execute(ClaimStreams.TOPICS, topicId, meta,
                answers.created(claimLocation(topicId, claimId), new ClaimAnswer(claimId, topicId, "SUBMITTED")),
                market -> published(market, topicId).flatMap(current -> Mono.zip(lead, coClaimants,
                        executor.read(ClaimStreams.BATCHES, current.batchId()))),
                (market, context) -> market.claim(meta.actor(), claimId, request, context.getT1(), context.getT2(),
                        context.getT3(), now))
                .flatMap(outcome -> awardTimes.record(topicId, outcome));
    }

    public Mono<Outcome> award(CommandMeta meta, String topicId, String claimId) {
        return executor.execute(ClaimStreams.TOPICS, topicId, meta,
                answers.accepted(claimLocation(topicId, claimId), new ClaimAnswer(claimId, topicId, "AWARDED")),
                market -> market.award(meta.actor(), claimId))
                .flatMap(outcome -> awardTimes.record(topicId, outcome));
    }

    public Mono<Outcome> withdrawClaim(CommandMeta meta, String topicId, String claimId, String reason) {
        return executor.execute(ClaimStreams.TOPICS, topicId, meta,
                answers.accepted(claimLocation(topicId, claimId), new ClaimAnswer(claimId, topicId, "WITHDRAWN")),
                market -> market.withdrawClaim(meta.actor(), claimId, reason));
    }

    /** A named co-claimant accepts ({@code accept}) or declines its place in a group claim. */
    public Mono<Outcome> answerPlace(CommandMeta meta, String topicId, String claimId, boolean accept) {
        return executor.execute(ClaimStreams.TOPICS, topicId, meta,
                answers.accepted(claimLocation(topicId, claimId), new ClaimAnswer(claimId, topicId, accept ? "PLACE_ACCEPTED" : "PLACE_DECLINED")),
                market -> accept ? market.acceptPlace(meta.actor(), claimId) : market.declinePlace(meta.actor(), claimId));
    }

    public Mono<Outcome> withdrawTopic(CommandMeta meta, String topicId, String reason) {
        return executor.execute(ClaimStreams.TOPICS, topicId, meta,
                answers.accepted(topicLocation(topicId), new TopicAnswer(topicId, "withdrawn")),
                market -> market.withdrawTopic(meta.actor(), reason));
    }

    public Mono<Outcome> assign(CommandMeta meta, String topicId, String orgId, Instant committedDate) {
        Instant now = clock.instant();
        return executor.readFor(meta.actor(), ClaimStreams.ORGANISATIONS, orgId)
                .flatMap(org -> executor.execute(ClaimStreams.TOPICS, topicId, meta,
                        answers.accepted(topicLocation(topicId), new TopicAnswer(topicId, "assigned to " + orgId)),
                        market -> market.assign(meta.actor(), org, committedDate, now)))
                .flatMap(outcome -> awardTimes.record(topicId, outcome));
    }

    private static Mono<TopicMarket> published(TopicMarket market, String topicId) {
        return market.isPublished() ? Mono.just(market)
                : Mono.error(Rejection.notFound("topic-not-found", "no published topic {0}", topicId));
    }

    private static String topicLocation(String topicId) {
        return "/api/topics/" + topicId;
    }

    private static String claimLocation(String topicId, String claimId) {
        return topicLocation(topicId) + "/claims/" + claimId;
    }
}
