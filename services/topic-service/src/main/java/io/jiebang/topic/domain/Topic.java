package io.jiebang.topic.domain;

import static io.jiebang.platform.domain.Texts.blankToNull;

import io.jiebang.events.Actor;
import io.jiebang.events.Direction;
import io.jiebang.events.GeoPoint;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.time.Instant;
import java.util.List;

/**
 * A topic (榜单) as its poster writes it: drafted into an open batch, then published. What happens after
 * publication (claims, progress, resolution) belongs to the other services.
 */
public final class Topic implements Aggregate {

    public static final int MAX_CO_CLAIMANTS = 10;

    private final String id;
    private TopicPosted draft;
    private boolean published;

    public Topic(String id) {
        this.id = id;
    }

    /** Drafts the topic for the poster's organisation; the direction follows from the poster's kind. */
    public List<DomainEvent> post(Actor actor, TopicDraft wanted, Organisation poster, Batch batch, Category category,
                                  Instant now) {
        if (draft != null) {
            throw Rejection.conflict("topic-exists", "topic {0} already exists", id);
        }
        if (actor.orgId() == null || !actor.actsFor(poster.id()) || !poster.isRegistered()) {
            throw Rejection.forbidden("not-staff", "only staff of a registered organisation post topics");
        }
        if (poster.isRetired()) {
            throw Rejection.forbidden("organisation-retired", "{0} is retired", poster.id());
        }
        if (!batch.exists()) {
            throw Rejection.invalid("batchId", "unknown-batch", "there is no batch {0}", wanted.batchId());
        }
        if (batch.state() != Batch.State.OPEN) {
            throw batchNotOpen(batch);
        }
        if (!category.isDefined()) {
            throw Rejection.invalid("category", "unknown-category", "there is no category {0}", wanted.category());
        }
        if (!wanted.dueDate().isAfter(now)) {
            throw Rejection.invalid("dueDate", "due-date-past", "the due date must be in the future");
        }
        if (wanted.maxCoClaimants() < 0 || wanted.maxCoClaimants() > MAX_CO_CLAIMANTS) {
            throw Rejection.invalid("maxCoClaimants", "max-co-claimants-out-of-range", "co-claimants allowed: 0 to {0}",
                    MAX_CO_CLAIMANTS);
        }
        return List.of(new TopicPosted(id, wanted.batchId(), poster.id(), Direction.postedBy(poster.kind()),
                wanted.title().strip(), wanted.description().strip(), wanted.category(), wanted.expectedOutcome().strip(),
                wanted.dueDate(), wanted.priority(), blankToNull(wanted.location()), point(wanted), wanted.claimMode(),
                wanted.maxCoClaimants()));
    }

    /** Where on the map: both coordinates or neither, each in its range. */
    private static GeoPoint point(TopicDraft wanted) {
        if (wanted.latitude() == null && wanted.longitude() == null) {
            return null;
        }
        String missing = wanted.latitude() == null ? "latitude" : "longitude";
        if (wanted.latitude() == null || wanted.longitude() == null) {
            throw Rejection.invalid(missing, "coordinates-incomplete", "a point on the map has both latitude and longitude");
        }
        boolean latitudeOff = Math.abs(wanted.latitude()) > 90;
        String off = latitudeOff ? "latitude" : "longitude";
        if (latitudeOff || Math.abs(wanted.longitude()) > 180) {
            throw Rejection.invalid(off, "coordinates-out-of-range", "latitude is -90 to 90 and longitude -180 to 180 degrees");
        }
        return new GeoPoint(wanted.latitude(), wanted.longitude());
    }

    /** Makes the draft visible to claimants: only by its poster, only while its batch is open. */
    public List<DomainEvent> publish(Actor actor, Batch batch) {
        requireDraftOf(actor);
        if (published) {
            throw Rejection.conflict("topic-already-published", "topic {0} is already published", id);
        }
        if (batch.state() != Batch.State.OPEN) {
            throw batchNotOpen(batch);
        }
        return List.of(published(draft));
    }

    /**
     * Posts and publishes at once, in one commit: both events or neither (a street system's service request, which
     * has no draft stage). The same checks as posting; publishing asks nothing more of a topic just posted.
     */
    public List<DomainEvent> postPublished(Actor actor, TopicDraft wanted, Organisation poster, Batch batch,
                                           Category category, Instant now) {
        TopicPosted posted = (TopicPosted) post(actor, wanted, poster, batch, category, now).get(0);
        return List.of(posted, published(posted));
    }

    private TopicPublished published(TopicPosted topic) {
        return new TopicPublished(id, topic.batchId(), topic.posterOrgId(), topic.direction(), topic.title(),
                topic.category(), topic.dueDate(), topic.claimMode(), topic.maxCoClaimants());
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof TopicPosted posted) {
            draft = posted;
        } else if (event.data() instanceof TopicPublished) {
            published = true;
        }
    }

    public boolean exists() {
        return draft != null;
    }

    public String batchId() {
        return draft == null ? null : draft.batchId();
    }

    private static Rejection batchNotOpen(Batch batch) {
        return Rejection.conflict("batch-not-open",
                "topics are posted and published only while their batch is OPEN; batch {0} is {1}", batch.id(), batch.state());
    }

    private void requireDraftOf(Actor actor) {
        if (draft == null) {
            throw Rejection.notFound("topic-not-found", "no topic {0}", id);
        }
        if (!actor.actsFor(draft.posterOrgId())) {
            throw Rejection.forbidden("not-the-poster", "only staff of {0} can do this", draft.posterOrgId());
        }
    }
}
