package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;

/**
 * Open311 GeoReport v2 as the specification writes it (wiki.open311.org/GeoReport_v2), across the running services:
 * a street's system lists the services, posts a request with its api_key (posted and published at once, once however
 * often it is sent), and anyone follows requests by id or by the specification's filters, in JSON and in XML; every
 * error is the specification's list of code and description, in the asker's language.
 */
class Open311EndToEndIT {

    static final String V2 = "/open311/v2";
    final Api api = RunningStack.api();
    final Board board = new Board(api);

    @Test
    void servicesAreListedAndDefinedInJsonAndXmlToAnyone() throws Exception {
        // GET /services.json: service_code, service_name, description, metadata, type, keywords, group.
        JsonNode services = api.get(V2 + "/services.json", null).expect(200).body();
        assertThat(services.size()).isEqualTo(24);
        JsonNode service = StreamSupport.stream(services.spliterator(), false)
                .filter(s -> s.get("service_code").asString().equals("ND-03")).findFirst().orElseThrow();
        assertThat(names(service)).containsExactly("service_code", "service_name", "description", "metadata", "type",
                "keywords", "group");
        assertThat(service.get("metadata").asBoolean()).isFalse();
        assertThat(service.get("type").asString()).isEqualTo("realtime");

        // GET /services.xml: <services><service>…</service></services>, UTF-8 declared.
        Api.Response xml = api.get(V2 + "/services.xml", null).expect(200);
        assertThat(xml.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(xml.raw().body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Document services311 = parse(xml.raw().body());
        assertThat(services311.getDocumentElement().getTagName()).isEqualTo("services");
        assertThat(services311.getElementsByTagName("service").getLength()).isEqualTo(24);
        assertThat(text(services311, "service_name", codeIndex(services311, "ND-03")))
                .isEqualTo(service.get("service_name").asString());

        // GET /services/{code}.json and .xml: the definition, without extra attributes.
        JsonNode definition = api.get(V2 + "/services/ND-03.json", null).expect(200).body();
        assertThat(definition.get("service_code").asString()).isEqualTo("ND-03");
        assertThat(definition.get("attributes").isEmpty()).isTrue();
        Document definition311 = parse(api.get(V2 + "/services/ND-03.xml", null).expect(200).raw().body());
        assertThat(definition311.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(text(definition311, "service_code", 0)).isEqualTo("ND-03");
        error(api.send("GET", V2 + "/services/XX-99.json", null, null, null, "en"), 404, "no service XX-99");
    }

    @Test
    void aStreetSystemPostsWithItsKeyOnceAndAnyoneFollowsTheRequest() throws Exception {
        String batchId = api.createOpenBatch("Open311 批次");
        Map<String, String> form = Map.of("api_key", "demo-street-02", "jurisdiction_id", "jiebang", "service_code", "ND-03",
                "description", "楼道堆放杂物，消防通道不畅", "address_string", "东湖小区3栋", "attribute[batch_id]", batchId);

        // POST /requests.json: [{service_request_id, service_notice, account_id}]; published at once; sent again, the same.
        JsonNode created = api.send("POST", V2 + "/requests.json", null, new Api.Form(form)).expect(200).body();
        assertThat(names(created.get(0))).containsExactly("service_request_id", "service_notice", "account_id");
        String id = created.get(0).get("service_request_id").asString();
        assertThat(api.send("POST", V2 + "/requests.json", null, new Api.Form(form)).expect(200).body()
                .get(0).get("service_request_id").asString()).as("the same request again").isEqualTo(id);
        JsonNode topic = api.awaitStatus(id, "street-02", "OPEN");
        assertThat(Board.types(topic)).containsExactly("TopicPosted", "TopicPublished");
        assertThat(Board.actorOf(topic, "TopicPosted")).isEqualTo("street-02");
        assertThat(topic.get("timeline").get(0).get("actorUserId").asString()).as("the street's system").isEqualTo("open311:street-02");

        // POST /requests.xml answers <service_requests><request><service_request_id>.
        Map<String, String> other = new java.util.HashMap<>(form);
        other.put("description", "路灯不亮，夜间出行不便");
        other.put("service_code", "ND-01");
        other.remove("address_string");
        other.put("lat", "30.5928");
        other.put("long", "114.3055");
        Document posted = parse(api.send("POST", V2 + "/requests.xml", null, new Api.Form(other)).expect(200).raw().body());
        assertThat(posted.getDocumentElement().getTagName()).isEqualTo("service_requests");
        String second = text(posted, "service_request_id", 0);
        api.awaitStatus(second, "street-02", "OPEN");

        // GET /requests/{id}.json and .xml, to anyone.
        JsonNode request = api.get(V2 + "/requests/" + id + ".json", null).expect(200).body().get(0);
        assertThat(names(request)).containsExactly("service_request_id", "status", "status_notes", "service_name",
                "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
                "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
        assertThat(request.get("status").asString()).isEqualTo("open");
        assertThat(request.get("service_code").asString()).isEqualTo("ND-03");
        assertThat(request.get("description").asString()).isEqualTo("楼道堆放杂物，消防通道不畅");
        assertThat(request.get("address").asString()).isEqualTo("东湖小区3栋");
        OffsetDateTime requested = OffsetDateTime.parse(request.get("requested_datetime").asString());
        Document one = parse(api.get(V2 + "/requests/" + id + ".xml", null).expect(200).raw().body());
        assertThat(text(one, "service_request_id", 0)).isEqualTo(id);
        assertThat(text(one, "address", 0)).isEqualTo("东湖小区3栋");
        assertThat(one.getElementsByTagName("lat").item(0).getTextContent()).as("an absent value is empty").isEmpty();
        JsonNode located = api.get(V2 + "/requests/" + second + ".json", null).expect(200).body().get(0);
        assertThat(located.get("lat").asDouble()).isEqualTo(30.5928);
        assertThat(located.get("long").asDouble()).isEqualTo(114.3055);
        assertThat(located.get("address").isNull()).isTrue();

        // GET /requests.json with the specification's filters.
        assertThat(ids(api.get(V2 + "/requests.json?service_code=ND-03&status=open", null).expect(200).body())).contains(id)
                .doesNotContain(second);
        assertThat(ids(api.get(V2 + "/requests.json?service_code=ND-03,ND-01&status=open,closed", null).expect(200).body()))
                .contains(id, second);
        assertThat(ids(api.get(V2 + "/requests.json?status=closed", null).expect(200).body())).doesNotContain(id, second);
        assertThat(ids(api.get(V2 + "/requests.json?service_request_id=" + second + "," + id + "&status=closed", null)
                .expect(200).body())).as("ids override every other argument, in the order asked").containsExactly(second, id);
        String window = "&start_date=" + encoded(requested.minusMinutes(1)) + "&end_date=" + encoded(requested.plusDays(1));
        assertThat(ids(api.get(V2 + "/requests.json?service_code=ND-03,ND-01" + window, null).expect(200).body()))
                .contains(id, second);
        assertThat(ids(api.get(V2 + "/requests.json?end_date=" + encoded(requested.minusMinutes(1)), null).expect(200).body()))
                .doesNotContain(id, second);
        List<String> newestFirst = ids(api.get(V2 + "/requests.json?service_code=ND-03,ND-01&page_size=1&page=1" + window, null)
                .expect(200).body());
        List<String> next = ids(api.get(V2 + "/requests.json?service_code=ND-03,ND-01&page_size=1&page=2" + window, null)
                .expect(200).body());
        assertThat(newestFirst).hasSize(1);
        assertThat(next).hasSize(1).doesNotContainAnyElementsOf(newestFirst);

        // A draft is no service request, not even to its poster.
        String draft = api.post("/api/topics", "street-02", Map.of("batchId", batchId, "title", "草稿", "description", "草稿内容",
                "category", "ND-03", "expectedOutcome", "无", "dueDate", api.now().plusDays(20).toString(), "priority", "LOW",
                "claimMode", "FIRST_COME", "maxCoClaimants", 0)).expect(201).id();
        api.awaitStatus(draft, "street-02", "DRAFT");
        assertThat(api.get(V2 + "/requests/" + draft + ".json", null).status()).isEqualTo(404);
        assertThat(ids(api.get(V2 + "/requests.json?service_code=ND-03", null).expect(200).body())).doesNotContain(draft);

        // The department that takes it is the agency responsible.
        board.claimAndAwait(id, "dept-11");
        assertThat(api.get(V2 + "/requests/" + id + ".json", null).expect(200).body().get(0).get("agency_responsible").asString())
                .isEqualTo("dept-11");
    }

    @Test
    void errorsAreTheSpecificationsListInTheAskersLanguageAndNothingIsPosted() throws Exception {
        Map<String, String> form = Map.of("service_code", "ND-03", "description", "错误示例");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(with(form, "api_key", "not-a-key")), null, "zh-CN"),
                403, "api_key 无效");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(form), null, "en"), 401, "send the api_key of your street");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(with(form, "api_key", "demo-dept-01")), null, "en"),
                403, "this api_key is not valid");
        error(api.send("POST", V2 + "/requests.json", null,
                new Api.Form(Map.of("api_key", "demo-street-01", "description", "楼道堆物")), null, "zh-CN"), 400, "service_code 为必填项");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(Map.of("api_key", "demo-street-01",
                "service_code", "{\"$gt\":\"\"}", "description", "楼道堆物", "address_string", "三号楼")), null, "en"),
                400, "there is no service {\"$gt\":\"\"}");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(with(form, "api_key", "demo-street-01")), null, "zh-CN"),
                400, "请说明位置：address_string，或 lat 和 long");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(Map.of("api_key", "demo-street-01",
                "service_code", "ND-03", "description", "楼道堆物", "lat", "91", "long", "114")), null, "en"),
                400, "latitude is -90 to 90 and longitude -180 to 180 degrees");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(Map.of("api_key", "demo-street-01",
                "service_code", "ND-03", "description", "楼道堆物", "lat", "30.5")), null, "en"),
                400, "a point on the map has both latitude and longitude");
        error(api.send("POST", V2 + "/requests.json", null, new Api.Form(with(with(form, "api_key", "demo-street-01"),
                "jurisdiction_id", "elsewhere")), null, "en"), 404, "there is no jurisdiction elsewhere: the jurisdictions are the districts");

        error(api.send("GET", V2 + "/requests.json?status=maybe", null, null, null, "zh-CN"), 400, "状态为 open 或 closed");
        error(api.send("GET", V2 + "/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00",
                null, null, null, "en"), 400, "start_date and end_date are at most 90 days apart");
        error(api.send("GET", V2 + "/requests.json?end_date=yesterday", null, null, null, "en"), 400,
                "end_date is a W3C date-time with an offset, like 2026-03-01T09:00:00+08:00");
        error(api.send("GET", V2 + "/requests.json?page=two", null, null, null, "zh-CN"), 400, "page 的值无效");
        error(api.send("GET", V2 + "/requests.json?page_size=1001", null, null, null, "en"), 400, "page_size is 1 to 1000");
        error(api.send("GET", V2 + "/requests/t-unknown.json", null, null, null, "en"), 404, "no topic t-unknown");
        assertThat(api.get(V2 + "/requests.csv", null).status()).isEqualTo(404);

        // In XML: <errors><error><code/><description/></error></errors>.
        Api.Response xml = api.send("GET", V2 + "/requests.xml?status=maybe", null, null, null, "en");
        assertThat(xml.status()).isEqualTo(400);
        Document errors = parse(xml.raw().body());
        assertThat(errors.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(text(errors, "code", 0)).isEqualTo("400");
        assertThat(text(errors, "description", 0)).isEqualTo("status is open or closed");
        assertThat(xml.raw().headers().firstValue("X-Jiebang-Problem")).hasValue("unknown-status");
    }

    private static void error(Api.Response response, int status, String description) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode errors = response.body();
        assertThat(errors.isArray()).isTrue();
        assertThat(names(errors.get(0))).containsExactly("code", "description");
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(status);
        assertThat(errors.get(0).get("description").asString()).isEqualTo(description);
    }

    private static Map<String, String> with(Map<String, String> form, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(form);
        more.put(name, value);
        return more;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> ids(JsonNode requests) {
        return StreamSupport.stream(requests.spliterator(), false).map(r -> r.get("service_request_id").asString()).toList();
    }

    private static String encoded(OffsetDateTime at) {
        return java.net.URLEncoder.encode(at.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document document, String tag, int index) {
        return document.getElementsByTagName(tag).item(index).getTextContent();
    }

    private static int codeIndex(Document services, String code) {
        for (int i = 0; i < services.getElementsByTagName("service_code").getLength(); i++) {
            if (text(services, "service_code", i).equals(code)) {
                return i;
            }
        }
        throw new AssertionError("no service " + code);
    }
}
