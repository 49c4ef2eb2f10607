package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jiebang.console.application.ServiceRequests.NewServiceRequest;
import io.jiebang.console.application.TopicCommands.NewTopic;
import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.GeoPoint;
import io.jiebang.events.Priority;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.console.readmodel.TopicStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An Open311 request becomes a published topic, with the board's defaults for what it does not say. */
class ServiceRequestsTest {

    static final Caller STREET = new Caller("Bearer street", "zh-CN");
    static final Instant DUE = Instant.parse("2026-06-30T16:00:00Z");
    static final GeoPoint POINT = new GeoPoint(30.5928, 114.3055);

    final BoardQueries board = mock(BoardQueries.class);
    final List<NewTopic> posted = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final ServiceRequests requests = new ServiceRequests(board, (caller, topic, idempotencyKey) -> {
        posted.add(topic);
        keys.add(idempotencyKey);
        return Mono.just("t-1");
    }, Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void board() {
        when(board.categories()).thenReturn(Flux.just(new CategoryView("SW-01", "楼道堆物", "Clutter", "C", "公共", "Shared")));
        when(board.batches(null, "d1")).thenReturn(Flux.just(batch("b-planned", "PLANNED"), batch("b-open", "OPEN")));
        when(board.batch("b-named", null)).thenReturn(Mono.just(batch("b-named", "OPEN")));
    }

    @Test
    void whatARequestDoesNotSayTheDefaultsSay() {
        String description = "三号楼楼道堆物严重，影响消防通道，居民多次反映仍未清理。".repeat(3);
        assertThat(requests.create(STREET, "street-01", "d1", new NewServiceRequest("SW-01", description, null, POINT, null, null)).block())
                .isEqualTo("t-1");
        assertThat(posted).containsExactly(new NewTopic("b-open", description.substring(0, 50), description, "SW-01",
                description, DUE, Priority.NORMAL, "", 30.5928, 114.3055, ClaimMode.FIRST_COME, 2));
    }

    @Test
    void theSameRequestFromTheSameStreetIsOneTopicAnotherIsAnother() {
        NewServiceRequest request = new NewServiceRequest("SW-01", "楼道堆物", "三号楼", null, null, null);
        requests.create(STREET, "street-01", "d1", request).block();
        requests.create(STREET, "street-01", "d1", request).block();
        requests.create(STREET, "street-02", "d1", request).block();
        requests.create(STREET, "street-01", "d1", new NewServiceRequest("SW-01", "楼道堆物", "四号楼", null, null, null)).block();
        assertThat(keys.get(0)).startsWith("open311-").isEqualTo(keys.get(1));
        assertThat(keys.subList(1, 4)).doesNotHaveDuplicates();
    }

    @Test
    void aQueryIsAtMostNinetyDaysAndAThousandRequests() {
        when(board.serviceRequests(org.mockito.ArgumentMatchers.any())).thenReturn(Mono.just(new ReadModel.Page<>(List.of(), 0, 0, 1000)));
        requests.search(new ServiceRequests.Search(List.of("SW-01"), List.of("closed"), null, null, null, null), "d1").block();
        org.mockito.Mockito.verify(board).serviceRequests(new ServiceRequestQuery(java.util.Set.of("SW-01"),
                java.util.Set.of(TopicStatus.CLOSED, TopicStatus.CLOSED_UNRATED, TopicStatus.WITHDRAWN),
                Instant.parse("2026-01-31T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"), 0, 1000, "d1"));
        assertThatThrownBy(() -> requests.search(new ServiceRequests.Search(List.of(), List.of(), Instant.parse("2026-01-01T00:00:00Z"),
                null, null, null), "d1").block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("date-range-too-long"));
        assertThatThrownBy(() -> requests.search(new ServiceRequests.Search(List.of(), List.of("pending"), null, null, null, null), "d1").block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("unknown-status"));
        assertThatThrownBy(() -> requests.search(new ServiceRequests.Search(List.of(), List.of(), null, null, 1, 1001), "d1").block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("open311-page-size-out-of-range"));
    }

    @Test
    void whatARequestSaysItGets() {
        requests.create(STREET, "street-01", "d1", new NewServiceRequest("SW-01", "楼道堆物", "三号楼", null, "b-named", "堆物")).block();
        assertThat(posted).singleElement().satisfies(topic -> {
            assertThat(topic.batchId()).isEqualTo("b-named");
            assertThat(topic.title()).isEqualTo("堆物");
            assertThat(topic.location()).isEqualTo("三号楼");
        });
    }

    @Test
    void anUnknownServiceOrNoOpenBatchPostsNothing() {
        assertThatThrownBy(() -> requests.create(STREET, "street-01", "d1", new NewServiceRequest("XX-99", "楼道堆物", "三号楼", null, null, null)).block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("unknown-service"));
        when(board.batches(null, "d1")).thenReturn(Flux.just(batch("b-planned", "PLANNED")));
        assertThatThrownBy(() -> requests.create(STREET, "street-01", "d1", new NewServiceRequest("SW-01", "楼道堆物", null, null, null, null)).block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("location-required"));
        assertThatThrownBy(() -> requests.create(STREET, "street-01", "d1", new NewServiceRequest("SW-01", "楼道堆物", "三号楼", null, null, null)).block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("no-open-batch"));
        assertThatThrownBy(() -> requests.create(STREET, "street-01", "d1", new NewServiceRequest("SW-01", "x".repeat(5001), "三号楼", null, null, null)).block())
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("description-too-long"));
        assertThat(posted).isEmpty();
    }

    private static BatchView batch(String id, String state) {
        return new BatchView(id, id, null, null, DUE, 7, state, null, null, "d1");
    }
}
