package io.jiebang.topic.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Direction;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.Priority;
import io.jiebang.events.batch.BatchClaimingClosed;
import io.jiebang.events.batch.BatchOpened;
import io.jiebang.events.directory.CategoryDefined;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.topic.TopicPosted;
import io.jiebang.events.topic.TopicPublished;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.testsupport.AggregateScenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicTest {

    static final Instant NOW = BatchTest.NOW;
    static final Instant DUE = NOW.plusSeconds(86400 * 60);
    static final Actor STREET_STAFF = new Actor("street-01", "street-01", Actor.Role.STAFF);
    static final Actor DEPT_STAFF = new Actor("dept-01", "dept-01", Actor.Role.STAFF);
    static final TopicDraft DRAFT = new TopicDraft("b1", " 加装电梯 ", "老旧小区加装电梯难", "SW-01", "三个小区完成加装",
            DUE, Priority.HIGH, "", null, null, ClaimMode.FIRST_COME, 2);

    final Organisation street = with(new Organisation("street-01"), new OrgRegistered("street-01", "东湖街道", "Donghu", OrgKind.STREET, null));
    final Organisation department = with(new Organisation("dept-01"), new OrgRegistered("dept-01", "区住建局", "Housing", OrgKind.DEPARTMENT, null));
    final Category elevators = with(new Category("SW-01"), new CategoryDefined("SW-01", "加装电梯", "Elevators", "SW", "群众共同愿望", "Shared wishes"));
    final Batch openBatch = with(new Batch("b1"), BatchTest.CREATED, new BatchOpened("b1"));

    static final TopicPosted POSTED = new TopicPosted("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯",
            "老旧小区加装电梯难", "SW-01", "三个小区完成加装", DUE, Priority.HIGH, null, null, ClaimMode.FIRST_COME, 2);

    AggregateScenario<Topic> topic() {
        return AggregateScenario.of(new Topic("t1"));
    }

    @Test
    void aStreetPostsAProblemForDepartments() {
        topic().when(t -> t.post(STREET_STAFF, DRAFT, street, openBatch, elevators, NOW)).expect(POSTED);
    }

    @Test
    void aDepartmentPostsATopicForStreets() {
        topic().when(t -> t.post(DEPT_STAFF, DRAFT, department, openBatch, elevators, NOW))
                .expectThat(events -> org.assertj.core.api.Assertions.assertThat(((TopicPosted) events.get(0)).direction())
                        .isEqualTo(Direction.DEPARTMENT_TO_STREET));
    }

    @Test
    void topicsGoOnlyIntoAnOpenBatch() {
        Batch planned = with(new Batch("b1"), BatchTest.CREATED);
        topic().when(t -> t.post(STREET_STAFF, DRAFT, street, planned, elevators, NOW)).rejected(Rejection.Kind.CONFLICT, "batch-not-open");
        Batch closed = with(new Batch("b1"), BatchTest.CREATED, new BatchOpened("b1"),
                new BatchClaimingClosed("b1", BatchClaimingClosed.Cause.DEADLINE));
        topic().given(POSTED).when(t -> t.publish(STREET_STAFF, closed)).rejected(Rejection.Kind.CONFLICT, "batch-not-open");
    }

    @Test
    void badDraftsAreRefused() {
        Category unknown = new Category("XX-99");
        topic().when(t -> t.post(STREET_STAFF, DRAFT, street, openBatch, unknown, NOW)).rejected(Rejection.Kind.INVALID, "unknown-category");
        TopicDraft past = new TopicDraft("b1", "t", "d", "SW-01", "o", NOW.minusSeconds(1), Priority.LOW, null, null, null, ClaimMode.FIRST_COME, 0);
        topic().when(t -> t.post(STREET_STAFF, past, street, openBatch, elevators, NOW)).rejected(Rejection.Kind.INVALID, "due-date-past");
        topic().when(t -> t.post(STREET_STAFF, DRAFT, street, new Batch("nope"), elevators, NOW)).rejected(Rejection.Kind.INVALID, "unknown-batch");
    }

    @Test
    void aPointOnTheMapHasBothCoordinatesInTheirRanges() {
        TopicDraft located = new TopicDraft("b1", "加装电梯", "老旧小区加装电梯难", "SW-01", "三个小区完成加装", DUE, Priority.HIGH,
                "东湖小区", 30.5928, 114.3055, ClaimMode.FIRST_COME, 2);
        topic().when(t -> t.post(STREET_STAFF, located, street, openBatch, elevators, NOW))
                .expectThat(events -> org.assertj.core.api.Assertions.assertThat(((TopicPosted) events.get(0)).point())
                        .isEqualTo(new io.jiebang.events.GeoPoint(30.5928, 114.3055)));
        TopicDraft half = new TopicDraft("b1", "t", "d", "SW-01", "o", DUE, Priority.LOW, null, 30.5, null, ClaimMode.FIRST_COME, 0);
        topic().when(t -> t.post(STREET_STAFF, half, street, openBatch, elevators, NOW))
                .rejected(Rejection.Kind.INVALID, "coordinates-incomplete");
        TopicDraft off = new TopicDraft("b1", "t", "d", "SW-01", "o", DUE, Priority.LOW, null, 91.0, 114.0, ClaimMode.FIRST_COME, 0);
        topic().when(t -> t.post(STREET_STAFF, off, street, openBatch, elevators, NOW))
                .rejected(Rejection.Kind.INVALID, "coordinates-out-of-range");
    }

    @Test
    void nobodyPostsForAnotherOrganisation() {
        topic().when(t -> t.post(DEPT_STAFF, DRAFT, street, openBatch, elevators, NOW)).rejected(Rejection.Kind.FORBIDDEN, "not-staff");
    }

    @Test
    void onlyThePosterPublishesAndOnlyOnce() {
        TopicPublished published = new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯",
                "SW-01", DUE, ClaimMode.FIRST_COME, 2);
        topic().given(POSTED)
                .when(t -> t.publish(DEPT_STAFF, openBatch)).rejected(Rejection.Kind.FORBIDDEN, "not-the-poster")
                .when(t -> t.publish(STREET_STAFF, openBatch)).expect(published)
                .given(published)
                .when(t -> t.publish(STREET_STAFF, openBatch)).rejected(Rejection.Kind.CONFLICT, "topic-already-published");
    }

    @Test
    void aServiceRequestIsPostedAndPublishedAtOnceOrNotAtAll() {
        TopicPublished published = new TopicPublished("t1", "b1", "street-01", Direction.STREET_TO_DEPARTMENT, "加装电梯",
                "SW-01", DUE, ClaimMode.FIRST_COME, 2);
        topic().when(t -> t.postPublished(STREET_STAFF, DRAFT, street, openBatch, elevators, NOW)).expect(POSTED, published);
        Batch planned = with(new Batch("b1"), BatchTest.CREATED);
        topic().when(t -> t.postPublished(STREET_STAFF, DRAFT, street, planned, elevators, NOW))
                .rejected(Rejection.Kind.CONFLICT, "batch-not-open");
        topic().given(POSTED).when(t -> t.postPublished(STREET_STAFF, DRAFT, street, openBatch, elevators, NOW))
                .rejected(Rejection.Kind.CONFLICT, "topic-exists");
    }

    @Test
    void anUnknownTopicIsNotFound() {
        topic().when(t -> t.publish(STREET_STAFF, openBatch)).rejected(Rejection.Kind.NOT_FOUND, "topic-not-found");
    }

    static <A extends Aggregate> A with(A aggregate, io.jiebang.events.DomainEvent... events) {
        for (io.jiebang.events.DomainEvent event : events) {
            aggregate.apply(EventEnvelope.wrap(event, 1, NOW, "/test", Actor.SYSTEM, "c", null));
        }
        return aggregate;
    }
}
