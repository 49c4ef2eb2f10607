package io.jiebang.resolution.application;

import io.jiebang.events.Actor;
import io.jiebang.events.Verdict;
import io.jiebang.events.batch.EvaluationSettings;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.platform.Sha256;
import io.jiebang.resolution.domain.BatchEvaluation;
import io.jiebang.resolution.domain.Case;
import io.jiebang.platform.command.Answers;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Ids;
import io.jiebang.platform.command.Outcome;
import io.jiebang.platform.domain.Rejection;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Closure (销号) and evaluation (评议): submit, accept or reject, one-time links, votes, closing the evaluation. */
@Service
public class ResolutionUseCases {

    /**
     * 256 random bits per link: unguessable. A token is stored only as its SHA-256 (links, and nothing of it in the
     * command's stored answer). No salt and no slow hash (BCrypt, Argon2) are needed: those protect low-entropy
     * secrets such as passwords against guessing from a leaked hash, but a 256-bit random token cannot be guessed,
     * and an unsalted fast hash is what lets a vote find its link by {@code _id} in one lookup.
     */
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandExecutor executor;
    private final EvaluationLinks links;
    private final Answers answers;
    private final Clock clock;
    private final ResolutionSettings settings;

    public ResolutionUseCases(CommandExecutor executor, EvaluationLinks links, Answers answers, Clock clock,
                              ResolutionSettings settings) {
        this.executor = executor;
        this.links = links;
        this.answers = answers;
        this.clock = clock;
        this.settings = settings;
    }

    public record Changed(String id, String topicId, String status) {
    }

    public record IssuedLink(String token, String url) {
    }

    /**
     * The links asked for. The tokens are shown once: {@code links} holds them in the first answer only
     * ({@code tokensShown} true). The answer kept for a repeat of the same request (same {@code Idempotency-Key})
     * has {@code links} empty and {@code tokensShown} false, since only the tokens' hashes are kept; links lost that
     * way are asked for again (they count against the round's cap).
     */
    public record IssuedLinks(String topicId, int round, Instant expiresAt, int count, List<IssuedLink> links,
                              boolean tokensShown) {
    }

    public Mono<Outcome> submit(CommandMeta meta, String topicId, String summary, String evidence) {
        String resolutionId = Ids.next("r");
        return executor.execute(ResolutionStreams.TOPICS, topicId, meta,
                answers.created(resolutionLocation(topicId), new Changed(resolutionId, topicId, "RESOLUTION_SUBMITTED")),
                c -> c.submit(meta.actor(), resolutionId, summary, evidence));
    }

    public Mono<Outcome> accept(CommandMeta meta, String topicId) {
        Instant now = clock.instant();
        return executor.execute(ResolutionStreams.TOPICS, topicId, meta,
                answers.accepted(resolutionLocation(topicId), new Changed(topicId, topicId, "RESOLVED")),
                this::evaluationSettingsOf,
                (c, batchSettings) -> c.accept(meta.actor(), now, settings.evaluationWindow(), batchSettings));
    }

    /** The evaluation settings of the case's batch (the defaults for a batch never heard of). */
    private Mono<EvaluationSettings> evaluationSettingsOf(Case current) {
        if (!current.isKnown()) {
            return Mono.just(EvaluationSettings.DEFAULTS);
        }
        return executor.read(ResolutionStreams.BATCHES, current.batchId()).map(BatchEvaluation::settings)
                .defaultIfEmpty(EvaluationSettings.DEFAULTS);
    }

    public Mono<Outcome> reject(CommandMeta meta, String topicId, String reason) {
        return executor.execute(ResolutionStreams.TOPICS, topicId, meta,
                answers.accepted(resolutionLocation(topicId), new Changed(topicId, topicId, "IN_PROGRESS")),
                c -> c.reject(meta.actor(), reason, clock.instant(), settings.appealWindow()));
    }

    /** The lead appeals the newest decision against it (a rejection or a reopening). */
    public Mono<Outcome> appeal(CommandMeta meta, String topicId, String reason, String evidence) {
        String appealId = Ids.next("ap");
        Instant now = clock.instant();
        return executor.execute(ResolutionStreams.TOPICS, topicId, meta,
                answers.created(appealLocation(topicId, appealId), new Changed(appealId, topicId, "APPEAL_PENDING")),
                c -> c.appeal(meta.actor(), appealId, reason, evidence, now));
    }

    /** A coordinator upholds or overturns an appeal; an overturned rejection's evaluation runs under the batch's settings. */
    public Mono<Outcome> decideAppeal(CommandMeta meta, String topicId, String appealId, AppealDecided.Ruling ruling,
                                      String reason) {
        Instant now = clock.instant();
        return executor.execute(ResolutionStreams.TOPICS, topicId, meta,
                answers.accepted(appealLocation(topicId, appealId), new Changed(appealId, topicId, ruling.name())),
                this::evaluationSettingsOf,
                (c, batchSettings) -> c.decideAppeal(meta.actor(), appealId, ruling, reason, now,
                        settings.evaluationWindow(), batchSettings));
    }

    private static String appealLocation(String topicId, String appealId) {
        return "/api/topics/" + topicId + "/appeals/" + appealId;
    }

    /**
     * Makes the links first (hashes only), then records that they were issued; the tokens go back once, to the
     * poster, and are kept nowhere: the commit keeps an answer without them, given again to a repeat.
     */
    public Mono<Outcome> issueLinks(CommandMeta meta, String topicId, int count) {
        return executor.readFor(meta.actor(), ResolutionStreams.TOPICS, topicId).flatMap(current -> {
            Instant expiresAt = current.evaluationClosesAt() == null ? clock.instant() : current.evaluationClosesAt();
            // Checked before any link is stored, so a refused request leaves nothing behind.
            current.issueLinks(meta.actor(), count, expiresAt);
            List<IssuedLink> issued = new ArrayList<>();
            List<EvaluationLinks.Link> stored = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String token = newToken();
                issued.add(new IssuedLink(token, settings.publicUrl() + "/evaluate/" + token));
                stored.add(new EvaluationLinks.Link(hash(token), topicId, current.round(), expiresAt));
            }
            String location = "/api/topics/" + topicId + "/evaluation-links";
            var kept = answers.created(location, new IssuedLinks(topicId, current.round(), expiresAt, count, List.of(), false));
            var shown = answers.created(location, new IssuedLinks(topicId, current.round(), expiresAt, count, issued, true));
            return links.store(stored).then(executor.execute(ResolutionStreams.TOPICS, topicId, meta, kept,
                            c -> c.issueLinks(meta.actor(), count, expiresAt)))
                    .map(outcome -> outcome.replayed() ? outcome : new Outcome(shown, false, outcome.events()));
        });
    }

    /**
     * A vote through a one-time link: the link's hash is the vote's once-only key, so a second use is refused.
     *
     * @param voter who is signed in, if anyone: a member of the poster's staff casts the poster's own vote, which
     *        counts once per round
     */
    public Mono<Outcome> vote(String token, Verdict verdict, String comment, Actor voter) {
        String tokenHash = hash(token);
        Instant now = clock.instant();
        return links.find(tokenHash)
                .switchIfEmpty(Mono.error(Rejection.notFound("link-not-found", "this evaluation link is not valid")))
                .flatMap(link -> {
                    if (!now.isBefore(link.expiresAt())) {
                        return Mono.error(Rejection.conflict("link-expired", "this evaluation link has expired"));
                    }
                    String voteId = Ids.next("v");
                    return executor.execute(ResolutionStreams.TOPICS, link.topicId(), CommandMeta.once(Actor.RESIDENT, "vote:" + tokenHash),
                            answers.created(null, new Changed(voteId, link.topicId(), "VOTED")),
                            c -> c.vote(link.round(), voteId, verdict, comment, now, c.isPosterStaff(voter)));
                })
                .flatMap(outcome -> outcome.replayed()
                        ? Mono.error(Rejection.conflict("link-used", "this evaluation link was already used"))
                        : Mono.just(outcome));
    }

    /** Ends the evaluation; before its quorum or minimum window only a coordinator may, with a reason. */
    public Mono<Outcome> closeEvaluation(CommandMeta meta, String topicId, String reason) {
        Instant now = clock.instant();
        return executor.execute(ResolutionStreams.TOPICS, topicId, meta,
                answers.accepted("/api/topics/" + topicId, new Changed(topicId, topicId, "EVALUATION_CLOSED")),
                c -> c.close(meta.actor(), reason, now, settings.appealWindow()));
    }

    private static String resolutionLocation(String topicId) {
        return "/api/topics/" + topicId + "/resolution";
    }

    private static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token, in hex: how links are found and how a token is kept, if at all. */
    public static String hash(String token) {
        return Sha256.hex(token);
    }
}
