package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A street's own system posts and follows problems through Open311 GeoReport v2. */
class Open311EndToEndIT {

    final Api api = RunningStack.api();
    final Board board = new Board(api);

    @Test
    void aStreetSystemPostsAProblemAndFollowsIt() {
        String batchId = api.createOpenBatch("Open311 批次");
        JsonNode services = api.get("/open311/v2/services.json", "street-02").expect(200).body();
        assertThat(services.size()).isEqualTo(24);
        assertThat(services.toString()).contains("\"service_code\":\"ND-03\"");

        JsonNode created = api.send("POST", "/open311/v2/requests.json", api.token("street-02"),
                new Api.Form(Map.of("service_code", "ND-03", "description", "楼道堆放杂物，消防通道不畅",
                        "address_string", "东湖小区3栋", "attribute[batch_id]", batchId))).expect(200).body();
        String id = created.get(0).get("service_request_id").asString();
        api.awaitStatus(id, "street-02", "OPEN");

        JsonNode open = api.get("/open311/v2/requests/" + id + ".json", "dept-01").expect(200).body().get(0);
        assertThat(open.get("status").asString()).isEqualTo("open");
        assertThat(open.get("service_code").asString()).isEqualTo("ND-03");
        assertThat(open.get("address").asString()).isEqualTo("东湖小区3栋");
        assertThat(api.get("/open311/v2/requests.json?service_code=ND-03&status=open", "dept-01").expect(200).body().toString())
                .contains(id);

        board.claimAndAwait(id, "dept-11");
        assertThat(api.get("/open311/v2/requests/" + id + ".json", "street-02").expect(200).body().get(0)
                .get("agency_responsible").asString()).isEqualTo("dept-11");
        assertThat(api.send("POST", "/open311/v2/requests.json", null,
                new Api.Form(Map.of("service_code", "ND-03", "description", "无令牌", "attribute[batch_id]", batchId)))
                .status()).isEqualTo(401);
    }
}
