package io.jiebang.dispatch.domain;

import io.jiebang.platform.domain.BatchSet;
import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.CoClaimantAccepted;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicUnclaimed;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.dispatch.EscalationCleared;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.resolution.EvaluationLinksIssued;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.resolution.TopicClosed;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A topic's work as dispatch follows it: from the award to the accepted resolution, who reports, when
 * they last did, which stage it waits in for someone other than its team ({@link Stage}), and which reminders
 * and escalations are open.
 */
public final class Assignment implements Aggregate {

    public static final int MAX_NOTE = 5000;

    /** The reporting schedule's escalations, as opposed to the stage limits'. */
    private static final Predicate<EscalationRaised> SCHEDULE = raised -> !raised.reason().isStageLimit();

    public enum Phase {
        /** Not awarded (yet, or any more): nothing to report. */
        IDLE,
        /** Awarded: the lead and co-claimants report every period. */
        WORKING,
        /** A resolution waits for the poster's verdict: no reminders meanwhile. */
        AWAITING_VERDICT,
        /** The resolution was accepted. */
        DONE
    }

    private final String topicId;
    private TopicPublished topic;
    private Phase phase = Phase.IDLE;
    private int round = 1;
    private String leadOrgId;
    private List<String> coClaimantOrgIds = List.of();
    private Instant lastActivity;
    private Integer latestPercent;
    private int reports;
    private Stage waitingIn;
    private Instant waitingSince;
    private final Map<String, EscalationRaised> openEscalations = new LinkedHashMap<>();

    public Assignment(String topicId) {
        this.topicId = topicId;
    }

    /** The awarded lead or a co-claimant reports progress; open reminders and escalations clear. */
    public List<DomainEvent> report(Actor actor, String reportId, int percent, String note, String milestone) {
        if (topic == null) {
            throw Rejection.notFound("topic-not-found", "no published topic {0}", topicId);
        }
        if (leadOrgId == null) {
            throw Rejection.conflict("topic-not-awarded", "topic {0} has no awarded organisation to report", topicId);
        }
        if (actor.orgId() == null || !(actor.actsFor(leadOrgId) || coClaimantOrgIds.contains(actor.orgId()))) {
            throw Rejection.forbidden("not-on-the-team", "only staff of the awarded lead or its co-claimants report progress");
        }
        if (phase != Phase.WORKING) {
            throw Rejection.conflict("not-in-progress", "topic {0} is not in progress ({1})", topicId, phase);
        }
        if (percent < 0 || percent > 100) {
            throw Rejection.invalid("percent", "percent-out-of-range", "percent complete is 0 to 100");
        }
        if (note == null || note.isBlank()) {
            throw Rejection.invalid("note", "note-missing", "a progress report needs a note");
        }
        List<DomainEvent> events = new ArrayList<>();
        events.add(new ProgressReported(topicId, round, reportId, actor.orgId(), percent, note.strip(),
                milestone == null || milestone.isBlank() ? null : milestone.strip()));
        clearSchedule(EscalationCleared.Cause.PROGRESS_REPORTED).ifPresent(events::add);
        return events;
    }

    /** Compares the schedule with what is open and raises the next level when the topic fell further behind. */
    public List<DomainEvent> checkSchedule(Instant now, Schedule schedule) {
        if (phase != Phase.WORKING || lastActivity == null) {
            return List.of();
        }
        Schedule.Level due = schedule.levelAt(now, lastActivity, topic.dueDate());
        if (due.level() <= openLevel(SCHEDULE)) {
            return List.of();
        }
        String escalationId = topicId + ":" + round + ":" + due.level() + ":" + lastActivity.toEpochMilli();
        return List.of(new EscalationRaised(topicId, round, escalationId, topic.batchId(), leadOrgId, due.level(), due.reason(),
                lastActivity));
    }

    /**
     * Compares how long the topic has waited in its stage with the batch's limit and raises the next level. A
     * poster-selects topic's wait for the award begins when claiming closes, or in a later round when the round's
     * claim window ends.
     */
    public List<DomainEvent> checkStage(Instant now, BatchRules batch) {
        if (waitingIn == null) {
            return List.of();
        }
        Instant since = waitingIn != Stage.AWARD ? waitingSince
                : round == 1 ? batch.claimingClosedAt().orElse(null) : waitingSince.plus(batch.newRoundClaimPeriod());
        if (since == null) {
            return List.of();
        }
        Stage stage = waitingIn;
        int due = stage.levelAt(now, since, batch.stageLimits());
        if (due <= openLevel(raised -> raised.reason() == stage.reason())) {
            return List.of();
        }
        String escalationId = topicId + ":" + round + ":" + stage.name() + ":" + due + ":" + since.toEpochMilli();
        return List.of(new EscalationRaised(topicId, round, escalationId, topic.batchId(), leadOrgId, due, stage.reason(),
                since));
    }

    /**
     * What another service decided about the topic, and what dispatch does about it: a stage that moved on clears
     * its escalations; a submitted resolution or an ended round clears the schedule's.
     */
    public List<DomainEvent> onUpstream(DomainEvent upstream) {
        List<DomainEvent> events = new ArrayList<>();
        clear(raised -> raised.reason().isStageLimit() && (waitingIn == null || raised.reason() != waitingIn.reason()),
                EscalationCleared.Cause.STAGE_MOVED_ON).ifPresent(events::add);
        if (upstream instanceof ResolutionSubmitted) {
            clearSchedule(EscalationCleared.Cause.RESOLUTION_SUBMITTED).ifPresent(events::add);
        } else if (upstream instanceof AwardWithdrawn || upstream instanceof TopicWithdrawn || upstream instanceof RoundOpened
                || upstream instanceof ResolutionAccepted) {
            clearSchedule(EscalationCleared.Cause.ROUND_ENDED).ifPresent(events::add);
        }
        return events;
    }

    @Override
    public void apply(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof TopicPublished published) {
            topic = published;
            waitFor(published.claimMode() == ClaimMode.POSTER_SELECTS ? Stage.AWARD : null, null);
        } else if (data instanceof TopicUnclaimed) {
            waitFor(Stage.ASSIGNMENT, event.occurredAt());
        } else if (data instanceof ClaimAwarded awarded) {
            startWork(awarded.round(), awarded.leadOrgId(), awarded.coClaimantOrgIds(), event.occurredAt());
        } else if (data instanceof CoClaimantAccepted accepted && accepted.joinsTeam() && accepted.round() == round
                && leadOrgId != null && !coClaimantOrgIds.contains(accepted.orgId())) {
            coClaimantOrgIds = Stream.concat(coClaimantOrgIds.stream(), Stream.of(accepted.orgId())).toList();
        } else if (data instanceof TopicAssigned assigned) {
            startWork(assigned.round(), assigned.orgId(), List.of(), event.occurredAt());
        } else if (data instanceof ProgressReported reported) {
            lastActivity = event.occurredAt();
            latestPercent = reported.percent();
            reports++;
        } else if (data instanceof EscalationRaised raised) {
            openEscalations.put(raised.escalationId(), raised);
        } else if (data instanceof EscalationCleared cleared) {
            cleared.escalationIds().forEach(openEscalations::remove);
        } else if (data instanceof ResolutionSubmitted) {
            phase = Phase.AWAITING_VERDICT;
            waitFor(Stage.VERDICT, event.occurredAt());
        } else if (data instanceof ResolutionRejected) {
            phase = Phase.WORKING;
            lastActivity = event.occurredAt();
            waitFor(null, null);
        } else if (data instanceof ResolutionAccepted) {
            phase = Phase.DONE;
            waitFor(Stage.EVALUATION_LINKS, event.occurredAt());
        } else if (data instanceof EvaluationLinksIssued || data instanceof TopicClosed) {
            waitFor(null, null);
        } else if (data instanceof AwardWithdrawn || data instanceof TopicWithdrawn) {
            phase = Phase.IDLE;
            leadOrgId = null;
            waitFor(null, null);
        } else if (data instanceof RoundOpened opened) {
            waitFor(topic.claimMode() == ClaimMode.POSTER_SELECTS ? Stage.AWARD : null, event.occurredAt());
            phase = Phase.IDLE;
            round = opened.round();
            leadOrgId = null;
            coClaimantOrgIds = List.of();
            latestPercent = null;
        }
    }

    private void startWork(int awardedRound, String lead, List<String> coClaimants, Instant at) {
        waitFor(null, null);
        round = awardedRound;
        leadOrgId = lead;
        coClaimantOrgIds = List.copyOf(coClaimants);
        phase = Phase.WORKING;
        lastActivity = at;
    }

    private void waitFor(Stage stage, Instant since) {
        waitingIn = stage;
        waitingSince = since;
    }

    private Optional<DomainEvent> clearSchedule(EscalationCleared.Cause cause) {
        return clear(SCHEDULE, cause);
    }

    private Optional<DomainEvent> clear(Predicate<EscalationRaised> which, EscalationCleared.Cause cause) {
        List<String> ids = openEscalations.values().stream().filter(which).map(EscalationRaised::escalationId).toList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(new EscalationCleared(topicId, round, ids, cause));
    }

    private int openLevel(Predicate<EscalationRaised> which) {
        return openEscalations.values().stream().filter(which).mapToInt(EscalationRaised::level).max().orElse(0);
    }

    public String topicId() {
        return topicId;
    }

    public boolean isKnown() {
        return topic != null;
    }

    /** Its batch's topics (for the digest) and, while being worked on, those whose schedule is checked. */
    @Override
    public Set<String> sets() {
        if (topic == null) {
            return Set.of();
        }
        if (phase == Phase.WORKING) {
            return Set.of(BatchSet.of(topic.batchId()), WORKING);
        }
        return waitingIn == null ? Set.of(BatchSet.of(topic.batchId())) : Set.of(BatchSet.of(topic.batchId()), WAITING);
    }

    /** Topics being worked on: their reporting schedule is checked. */
    public static final String WORKING = "working";
    /** Topics waiting in a stage: its limit is checked. */
    public static final String WAITING = "waiting";

    public String batchId() {
        return topic == null ? null : topic.batchId();
    }

    public Instant dueDate() {
        return topic == null ? null : topic.dueDate();
    }

    public String title() {
        return topic == null ? null : topic.title();
    }

    public Phase phase() {
        return phase;
    }

    public String leadOrgId() {
        return leadOrgId;
    }

    public Integer latestPercent() {
        return latestPercent;
    }

    public int reports() {
        return reports;
    }

    public int round() {
        return round;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    public Set<String> openEscalationIds() {
        return Set.copyOf(openEscalations.keySet());
    }

    /** The highest open level, whoever it is raised against. */
    public int openLevel() {
        return openLevel(raised -> true);
    }

    /** The highest open level of the reporting schedule: the team's own, not a stage waiting for someone else. */
    public int teamLevel() {
        return openLevel(SCHEDULE);
    }
}
