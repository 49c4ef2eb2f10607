package io.jiebang.dispatch.domain;

import io.jiebang.platform.domain.BatchSet;
import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.claim.AwardWithdrawn;
import io.jiebang.events.claim.ClaimAwarded;
import io.jiebang.events.claim.RoundOpened;
import io.jiebang.events.claim.TopicAssigned;
import io.jiebang.events.claim.TopicWithdrawn;
import io.jiebang.events.dispatch.EscalationCleared;
import io.jiebang.events.dispatch.EscalationRaised;
import io.jiebang.events.dispatch.ProgressReported;
import io.jiebang.events.resolution.ResolutionAccepted;
import io.jiebang.events.resolution.ResolutionRejected;
import io.jiebang.events.resolution.ResolutionSubmitted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A topic's work as dispatch follows it: from the award to the accepted resolution, who reports, when
 * they last did, and which reminders and escalations are open.
 */
public final class Assignment implements Aggregate {

    public static final int MAX_NOTE = 5000;

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
    private final Map<String, Integer> openEscalations = new LinkedHashMap<>();

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
        clearAll(EscalationCleared.Cause.PROGRESS_REPORTED).ifPresent(events::add);
        return events;
    }

    /** Compares the schedule with what is open and raises the next level when the topic fell further behind. */
    public List<DomainEvent> checkSchedule(Instant now, Schedule schedule) {
        if (phase != Phase.WORKING || lastActivity == null) {
            return List.of();
        }
        Schedule.Level due = schedule.levelAt(now, lastActivity, topic.dueDate());
        int open = openEscalations.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (due.level() <= open) {
            return List.of();
        }
        String escalationId = topicId + ":" + round + ":" + due.level() + ":" + lastActivity.toEpochMilli();
        return List.of(new EscalationRaised(topicId, round, escalationId, topic.batchId(), leadOrgId, due.level(), due.reason()));
    }

    /** What another service decided about the topic, and what dispatch does about it. */
    public List<DomainEvent> onUpstream(DomainEvent upstream) {
        if (upstream instanceof ResolutionSubmitted) {
            return clearAll(EscalationCleared.Cause.RESOLUTION_SUBMITTED).map(List::<DomainEvent>of).orElse(List.of());
        }
        if (upstream instanceof AwardWithdrawn || upstream instanceof TopicWithdrawn || upstream instanceof RoundOpened
                || upstream instanceof ResolutionAccepted) {
            return clearAll(EscalationCleared.Cause.ROUND_ENDED).map(List::<DomainEvent>of).orElse(List.of());
        }
        return List.of();
    }

    @Override
    public void apply(EventEnvelope event) {
        DomainEvent data = event.data();
        if (data instanceof TopicPublished published) {
            topic = published;
        } else if (data instanceof ClaimAwarded awarded) {
            startWork(awarded.round(), awarded.leadOrgId(), awarded.coClaimantOrgIds(), event.occurredAt());
        } else if (data instanceof TopicAssigned assigned) {
            startWork(assigned.round(), assigned.orgId(), List.of(), event.occurredAt());
        } else if (data instanceof ProgressReported reported) {
            lastActivity = event.occurredAt();
            latestPercent = reported.percent();
            reports++;
        } else if (data instanceof EscalationRaised raised) {
            openEscalations.put(raised.escalationId(), raised.level());
        } else if (data instanceof EscalationCleared cleared) {
            cleared.escalationIds().forEach(openEscalations::remove);
        } else if (data instanceof ResolutionSubmitted) {
            phase = Phase.AWAITING_VERDICT;
        } else if (data instanceof ResolutionRejected) {
            phase = Phase.WORKING;
            lastActivity = event.occurredAt();
        } else if (data instanceof ResolutionAccepted) {
            phase = Phase.DONE;
        } else if (data instanceof AwardWithdrawn || data instanceof TopicWithdrawn) {
            phase = Phase.IDLE;
            leadOrgId = null;
        } else if (data instanceof RoundOpened opened) {
            phase = Phase.IDLE;
            round = opened.round();
            leadOrgId = null;
            coClaimantOrgIds = List.of();
            latestPercent = null;
        }
    }

    private void startWork(int awardedRound, String lead, List<String> coClaimants, Instant at) {
        round = awardedRound;
        leadOrgId = lead;
        coClaimantOrgIds = List.copyOf(coClaimants);
        phase = Phase.WORKING;
        lastActivity = at;
    }

    private java.util.Optional<DomainEvent> clearAll(EscalationCleared.Cause cause) {
        if (openEscalations.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new EscalationCleared(topicId, round, List.copyOf(openEscalations.keySet()), cause));
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
        return phase == Phase.WORKING ? Set.of(BatchSet.of(topic.batchId()), WORKING) : Set.of(BatchSet.of(topic.batchId()));
    }

    public static final String WORKING = "working";

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

    public int openLevel() {
        return openEscalations.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
