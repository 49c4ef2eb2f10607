package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.devstack.LocalStack;
import io.jiebang.devstack.ServiceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Services that were away catch up from Kafka: one killed while topics were published knows them once it
 * is back, and the console started with an empty read model rebuilds the whole board from the beginning.
 */
class RestartEndToEndIT {

    final LocalStack stack = RunningStack.get();
    final Api api = RunningStack.api();
    final Board board = new Board(api);

    @Test
    void aServiceKilledWhileTopicsWerePublishedKnowsThemWhenItIsBack() {
        String batchId = api.createOpenBatch("重启批次");
        stack.kill(ServiceSpec.CLAIM);
        String topicId = board.postAndPublish("street-06", batchId, "在认领服务停机时发布", "FIRST_COME", 0, 30);
        stack.startServices(List.of(ServiceSpec.CLAIM));
        // Started again on real time: moved to where the others' clocks stand, as tests before may have moved them.
        api.alignClock(ServiceSpec.CLAIM);
        board.claimAndAwait(topicId, "dept-09");
        assertThat(api.get("/api/topics/" + topicId, "street-06").expect(200).body().get("status").asString()).isEqualTo("AWARDED");
    }

    @Test
    void theConsoleRebuildsTheBoardFromScratch() {
        String batchId = api.createOpenBatch("重建批次");
        String topicId = board.postAndPublish("street-07", batchId, "重建读模型", "FIRST_COME", 0, 30);
        board.claimAndAwait(topicId, "dept-10");
        JsonNode before = api.get("/api/topics/" + topicId, "coordinator").expect(200).body();
        long topicsBefore = api.get("/api/topics?size=1", "coordinator").expect(200).body().get("total").asLong();
        // The seed's and any added by administration, as renamed, moved or retired.
        JsonNode orgsBefore = api.get("/api/orgs", "coordinator").expect(200).body();
        assertThat(orgsBefore.size()).isGreaterThanOrEqualTo(62);

        stack.stop(ServiceSpec.CONSOLE);
        try (Stores stores = new Stores(stack)) {
            stores.collection(ServiceSpec.CONSOLE, "topics").drop();
            stores.collection(ServiceSpec.CONSOLE, "timeline").drop();
            stores.collection(ServiceSpec.CONSOLE, "batches").drop();
            stores.collection(ServiceSpec.CONSOLE, "orgs").drop();
            stores.collection(ServiceSpec.CONSOLE, "categories").drop();
            assertThat(stores.counts()).containsEntry("console.topics", 0L);
        }
        stack.startServices(List.of(ServiceSpec.CONSOLE));
        api.alignClock(ServiceSpec.CONSOLE);
        Api fresh = RunningStack.api();
        JsonNode after = fresh.awaitTopic(topicId, "coordinator", t -> t.get("timeline").equals(before.get("timeline")));
        assertThat(after.get("status").asString()).isEqualTo("AWARDED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                fresh.get("/api/topics?size=1", "coordinator").body().get("total").asLong() >= topicsBefore);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(fresh.get("/api/orgs", "coordinator").expect(200).body()).isEqualTo(orgsBefore));
        assertThat(fresh.get("/api/batches/" + batchId, "coordinator").expect(200).body().get("state").asString()).isEqualTo("OPEN");
    }
}
