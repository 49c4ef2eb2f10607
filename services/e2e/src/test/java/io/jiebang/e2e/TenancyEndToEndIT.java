package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.jiebang.devstack.ServiceSpec;
import io.jiebang.e2e.KafkaRecords.Read;
import io.jiebang.events.EventCatalog;
import io.jiebang.events.EventType;
import io.jiebang.events.KafkaTopics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two districts on one board (docs/tenancy.md): 海滨区 (d1) and 山前区 (d2), each with its own directory, batches,
 * topics and figures, and a city level that reads both and writes nothing. Nothing crosses from one district to the
 * other, for each role and on each surface: the board's lists and pages, the exports, the suggestions, the live stream,
 * the figures other services serve, the district comparison, Open311, the directory and its audit trail, the commands
 * of every service, and the events stored and sent on Kafka.
 */
class TenancyEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CITY = "city";
    /** The title both districts' solved topics begin with, so each district's suggestions would find the other's. */
    private static final String SOLVED_TITLE = "古井水质浑浊需要清淤";
    private static final List<String> D2_ORGS = List.of("d2-dept-01", "d2-dept-02", "d2-dept-03", "d2-street-01",
            "d2-street-02", "d2-street-03");
    private static final List<String> D2_ACCOUNTS = Stream.concat(D2_ORGS.stream(),
            Stream.of("d2-coordinator", "d2-leader", "d2-analyst")).toList();
    private static final List<String> RATES = List.of("response", "resolution", "onTime", "satisfaction");
    private static final List<String> DISTRICT_ROLES = List.of("STAFF", "COORDINATOR", "LEADERSHIP", "ANALYST");

    /** One district as this test uses it: its people, and what they made before the tests. */
    static final class District {
        final String id;
        final String name;
        final String nameEn;
        final String street;
        final String department;
        final String coordinator;
        final String leader;
        final String analyst;
        /** Open, with both topics. */
        String batch;
        /** Planned; opened by its own coordinator in the commands test, after the other district's was refused. */
        String planned;
        /** A street's topic left OPEN (one co-claimant allowed) for the other district to try its commands on. */
        String open;
        /** A street's topic claimed, resolved and accepted, whose evaluation links are overdue: a reminder. */
        String solved;

        District(String id, String name, String nameEn, String street, String department, String coordinator,
                 String leader, String analyst) {
            this.id = id;
            this.name = name;
            this.nameEn = nameEn;
            this.street = street;
            this.department = department;
            this.coordinator = coordinator;
            this.leader = leader;
            this.analyst = analyst;
        }

        /** Street staff, department staff, coordinator, leadership and analyst. */
        List<String> readers() {
            return List.of(street, department, coordinator, leader, analyst);
        }

        List<String> topics() {
            return List.of(open, solved);
        }

        List<String> batches() {
            return List.of(batch, planned);
        }

        List<String> things() {
            return Stream.concat(topics().stream(), batches().stream()).toList();
        }
    }

    static final District D1 = new District("d1", "海滨区", "Haibin District", "street-10", "dept-20", "coordinator",
            "leader", "analyst");
    static final District D2 = new District("d2", "山前区", "Shanqian District", "d2-street-02", "d2-dept-01",
            "d2-coordinator", "d2-leader", "d2-analyst");

    static Api api;
    static Board board;
    static Stores stores;
    /** In the title of every topic of this test, to find exactly them. */
    static String word;
    static final Map<String, LiveStream> streams = new LinkedHashMap<>();

    @BeforeAll
    static void aBatchAndTwoTopicsInEachDistrict() {
        api = RunningStack.api();
        board = new Board(api);
        stores = new Stores(RunningStack.get());
        word = "辖区" + UUID.randomUUID().toString().substring(0, 8);
        // Every reader listens from before anything of this test happens.
        for (String reader : everyone()) {
            streams.put(reader, LiveStream.open(api, reader));
        }
        for (District d : both()) {
            d.batch = openBatch(d.coordinator, d.name + "揭榜批次 " + word);
            d.planned = planBatch(d.coordinator, d.name + "计划批次 " + word);
            // Streets post to departments.
            d.open = board.postAndPublish(d.street, d.batch, d.name + "待认领榜单 " + word, "FIRST_COME", 1, 30);
            d.solved = board.postAndPublish(d.street, d.batch, SOLVED_TITLE + " " + d.name + " " + word, "FIRST_COME", 0, 60);
            board.claimAndAwait(d.solved, d.department);
            api.postEventually("/api/topics/" + d.solved + "/resolution", d.department,
                    Map.of("summary", d.name + "清淤并消毒古井", "evidence", "水质检测报告")).expect(201);
            api.awaitStatus(d.solved, d.department, "RESOLUTION_SUBMITTED");
            board.accept(d.solved, d.street);
        }
        // A day without evaluation links for the accepted resolutions: a reminder in each district.
        api.advanceClocks(Duration.ofDays(1).plusMinutes(1));
        for (District d : both()) {
            Awaitility.await(d.id + " reminder").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> topicIds(api.get("/api/escalations?batch=" + d.batch, d.coordinator).expect(200).body())
                            .contains(d.solved));
        }
    }

    @AfterAll
    static void tearDown() {
        streams.values().forEach(LiveStream::close);
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void signingInTellsEachUserTheirDistrictAndAnyoneSignedInTheDistricts() throws Exception {
        for (District d : both()) {
            for (String user : d.readers()) {
                JsonNode session = login(user).expect(200).body();
                assertThat(Board.text(session, "district")).as(user + " signed in").isEqualTo(d.id);
                assertThat(SignedJWT.parse(session.get("accessToken").asString()).getJWTClaimsSet().getStringClaim("district"))
                        .as(user + "'s token").isEqualTo(d.id);
            }
        }
        JsonNode city = login(CITY).expect(200).body();
        assertThat(Board.text(city, "district")).as("the city level belongs to no district").isNull();
        assertThat(city.get("roles").toString()).contains("\"CITY\"");
        assertThat(SignedJWT.parse(city.get("accessToken").asString()).getJWTClaimsSet().getStringClaim("district")).isNull();

        for (String reader : everyone()) {
            Map<String, JsonNode> districts = new HashMap<>();
            api.get("/api/districts", reader).expect(200).body().forEach(district -> districts.put(district.get("id").asString(), district));
            assertThat(districts).as(reader).containsOnlyKeys(D1.id, D2.id);
            for (District d : both()) {
                assertThat(districts.get(d.id).get("name").asString()).isEqualTo(d.name);
                assertThat(districts.get(d.id).get("nameEn").asString()).isEqualTo(d.nameEn);
            }
        }
        assertThat(api.get("/api/districts", null).status()).as("anonymous").isEqualTo(401);
    }

    @Test
    void eachDistrictReadsItsOwnBoardOnlyOnEverySurface() {
        for (District d : both()) {
            District other = other(d);
            for (String reader : d.readers()) {
                String as = reader + " (" + d.id + ")";
                // The topic list, its search, its district filter
                assertThat(districtsOf(api.get("/api/topics?size=200", reader).expect(200).body().get("items")))
                        .as(as + " topic list").containsOnly(d.id);
                assertThat(ids(api.get("/api/topics?q=" + encode(word), reader).expect(200).body().get("items")))
                        .as(as + " search").containsExactlyInAnyOrderElementsOf(d.topics());
                assertThat(ids(api.get("/api/topics?q=" + encode(word) + "&district=" + d.id, reader).expect(200).body()
                        .get("items"))).as(as + " search of its own district").containsExactlyInAnyOrderElementsOf(d.topics());
                otherDistrict(api.get("/api/topics?district=" + other.id, reader), as + " topics of " + other.id);
                // A topic's page and timeline
                for (String topic : d.topics()) {
                    assertThat(Board.text(api.get("/api/topics/" + topic, reader).expect(200).body(), "district")).isEqualTo(d.id);
                    assertThat(api.get("/api/topics/" + topic + "/timeline", reader).expect(200).body().size()).isGreaterThanOrEqualTo(2);
                }
                for (String topic : other.topics()) {
                    notFound(api.get("/api/topics/" + topic, reader), "topic-not-found", as + " page of " + topic);
                    notFound(api.get("/api/topics/" + topic + "/timeline", reader), "topic-not-found", as + " timeline of " + topic);
                }
                // Batches
                JsonNode batches = api.get("/api/batches", reader).expect(200).body();
                assertThat(districtsOf(batches)).as(as + " batches").containsOnly(d.id);
                assertThat(ids(batches)).as(as + " batches").contains(d.batch).doesNotContainAnyElementsOf(other.batches());
                assertThat(Board.text(api.get("/api/batches/" + d.batch, reader).expect(200).body(), "district")).isEqualTo(d.id);
                for (String batch : other.batches()) {
                    notFound(api.get("/api/batches/" + batch, reader), "batch-not-found", as + " batch " + batch);
                }
                otherDistrict(api.get("/api/batches?district=" + other.id, reader), as + " batches of " + other.id);
                // The directory
                JsonNode orgs = api.get("/api/orgs", reader).expect(200).body();
                assertThat(districtsOf(orgs)).as(as + " organisations").containsOnly(d.id);
                if (d == D2) {
                    assertThat(ids(orgs)).as(as + " organisations").containsExactlyInAnyOrderElementsOf(D2_ORGS);
                } else {
                    assertThat(ids(orgs)).as(as + " organisations").contains("dept-01", "street-01", d.street, d.department)
                            .doesNotContainAnyElementsOf(D2_ORGS);
                }
                otherDistrict(api.get("/api/orgs?district=" + other.id, reader), as + " organisations of " + other.id);
                // Reminders and escalations
                JsonNode escalations = api.get("/api/escalations", reader).expect(200).body();
                assertThat(districtsOf(escalations)).as(as + " escalations").containsOnly(d.id);
                assertThat(topicIds(escalations)).as(as + " escalations").contains(d.solved)
                        .doesNotContainAnyElementsOf(other.topics());
                otherDistrict(api.get("/api/escalations?district=" + other.id, reader), as + " escalations of " + other.id);
                // Suggestions of solved topics
                assertThat(awaitSuggestions(reader, d.solved)).as(as + " suggestions").doesNotContain(other.solved);
                // The export of the list
                assertThat(csv(reader, "/api/topics/export?q=" + encode(word))).as(as + " export")
                        .contains(d.open, d.solved).doesNotContain(other.open, other.solved);
            }
        }
    }

    @Test
    void theCityReadsBothDistrictsAndPicksOneWithTheDistrictParameter() {
        assertThat(ids(api.get("/api/topics?q=" + encode(word), CITY).expect(200).body().get("items")))
                .containsExactlyInAnyOrder(D1.open, D1.solved, D2.open, D2.solved);
        JsonNode batches = api.get("/api/batches", CITY).expect(200).body();
        assertThat(ids(batches)).contains(D1.batch, D1.planned, D2.batch, D2.planned);
        JsonNode orgs = api.get("/api/orgs", CITY).expect(200).body();
        assertThat(ids(orgs)).contains("dept-01", "street-01").containsAll(D2_ORGS);
        assertThat(topicIds(api.get("/api/escalations", CITY).expect(200).body())).contains(D1.solved, D2.solved);
        assertThat(awaitSuggestions(CITY, D1.solved)).contains(D2.solved);
        assertThat(csv(CITY, "/api/topics/export?q=" + encode(word))).contains(D1.open, D1.solved, D2.open, D2.solved);
        for (District d : both()) {
            District other = other(d);
            for (String topic : d.topics()) {
                assertThat(Board.text(api.get("/api/topics/" + topic, CITY).expect(200).body(), "district")).isEqualTo(d.id);
                assertThat(api.get("/api/topics/" + topic + "/timeline", CITY).expect(200).body().size()).isGreaterThanOrEqualTo(2);
            }
            for (String batch : d.batches()) {
                assertThat(Board.text(api.get("/api/batches/" + batch, CITY).expect(200).body(), "district")).isEqualTo(d.id);
            }
            String only = "district=" + d.id;
            JsonNode topics = api.get("/api/topics?size=200&" + only, CITY).expect(200).body().get("items");
            assertThat(districtsOf(topics)).as("the city's topics of " + d.id).containsOnly(d.id);
            assertThat(ids(topics)).doesNotContainAnyElementsOf(other.topics());
            assertThat(ids(api.get("/api/topics?q=" + encode(word) + "&" + only, CITY).expect(200).body().get("items")))
                    .containsExactlyInAnyOrderElementsOf(d.topics());
            JsonNode itsBatches = api.get("/api/batches?" + only, CITY).expect(200).body();
            assertThat(districtsOf(itsBatches)).as("the city's batches of " + d.id).containsOnly(d.id);
            assertThat(ids(itsBatches)).containsAll(d.batches()).doesNotContainAnyElementsOf(other.batches());
            JsonNode itsOrgs = api.get("/api/orgs?" + only, CITY).expect(200).body();
            assertThat(districtsOf(itsOrgs)).as("the city's organisations of " + d.id).containsOnly(d.id);
            if (d == D2) {
                assertThat(ids(itsOrgs)).containsExactlyInAnyOrderElementsOf(D2_ORGS);
            } else {
                assertThat(ids(itsOrgs)).contains("dept-01", d.street).doesNotContainAnyElementsOf(D2_ORGS);
            }
            JsonNode itsEscalations = api.get("/api/escalations?" + only, CITY).expect(200).body();
            assertThat(districtsOf(itsEscalations)).as("the city's escalations of " + d.id).containsOnly(d.id);
            assertThat(topicIds(itsEscalations)).contains(d.solved).doesNotContain(other.solved);
        }
    }

    @Test
    void aBatchsFiguresAreReadInItsDistrictOnlyAndTheCityComparesTheDistricts() {
        for (District d : both()) {
            District other = other(d);
            for (String path : List.of("/api/batches/" + d.batch + "/stats", "/api/batches/" + d.batch + "/stats/history",
                    "/api/batches/" + d.batch + "/leaderboard")) {
                for (String reader : d.readers()) {
                    assertThat(api.get(path, reader).expect(200).body().get("batchId").asString()).as(reader + " " + path)
                            .isEqualTo(d.batch);
                }
                for (String reader : other.readers()) {
                    otherDistrict(api.get(path, reader), reader + " (" + other.id + ") " + path);
                }
                assertThat(api.get(path, CITY).expect(200).body().get("batchId").asString()).isEqualTo(d.batch);
            }
            String report = "/api/batches/" + d.batch + "/dispatch-report";
            assertThat(api.get(report, d.coordinator).expect(200).body().get("dispatch")).isNotNull();
            otherDistrict(api.get(report, other.coordinator), other.coordinator + " " + report);
            assertThat(api.download(report, other.coordinator, "text/csv", "en").statusCode()).as(other.coordinator + " CSV")
                    .isEqualTo(403);
            for (String reader : List.of(other.street, other.department, other.leader, other.analyst)) {
                assertThat(api.get(report, reader).status()).as(reader + " " + report).isEqualTo(403);
            }
        }

        // The city compares the districts, each over all its batches; the second district's row is its one batch with
        // topics (and its planned one), counted as the batch's own figures are.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode comparison = api.get("/api/districts/stats", CITY).expect(200).body();
            assertThat(comparison.get("countedAt").asString()).isNotBlank();
            Map<String, JsonNode> rows = districtRows(comparison);
            assertThat(rows).containsOnlyKeys(D1.id, D2.id);
            JsonNode second = rows.get(D2.id);
            assertThat(second.get("batches").asInt()).as("d2 batches").isEqualTo(2);
            assertThat(second.get("topics").asInt()).as("d2 topics").isEqualTo(2);
            JsonNode batchOverall = api.get("/api/batches/" + D2.batch + "/stats", CITY).expect(200).body().get("overall");
            for (String rate : RATES) {
                assertThat(second.get("overall").get(rate).get("numerator").asLong()).as("d2 " + rate + " numerator")
                        .isEqualTo(batchOverall.get(rate).get("numerator").asLong());
                assertThat(second.get("overall").get(rate).get("denominator").asLong()).as("d2 " + rate + " denominator")
                        .isEqualTo(batchOverall.get(rate).get("denominator").asLong());
            }
            assertThat(second.get("overall").get("unratedTopics").asInt()).isEqualTo(batchOverall.get("unratedTopics").asInt());
            assertThat(second.get("overall").get("response").get("denominator").asInt()).as("both d2 topics were published")
                    .isEqualTo(2);
            JsonNode first = rows.get(D1.id);
            assertThat(first.get("batches").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(first.get("topics").asInt()).isGreaterThanOrEqualTo(2);
            for (JsonNode row : List.of(first, second)) {
                for (String rate : RATES) {
                    assertThat(row.get("overall").get(rate).has("value")).as(rate + " value").isTrue();
                }
            }
        });
        // A district's own people see their district's row only.
        for (District d : both()) {
            for (String reader : d.readers()) {
                Map<String, JsonNode> rows = districtRows(api.get("/api/districts/stats", reader).expect(200).body());
                assertThat(rows).as(reader + " district comparison").containsOnlyKeys(d.id);
                if (d == D2) {
                    assertThat(rows.get(D2.id).get("topics").asInt()).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void commandsOnAnotherDistrictsBoardAreRefusedInEveryServiceAndStoreNothing() {
        for (District d : both()) {
            District other = other(d);
            String topic = d.open;
            assertThat(Board.types(api.awaitStatus(topic, d.coordinator, "OPEN"))).containsExactly("TopicPosted", "TopicPublished");

            // claim-service: claims, a co-claimant of the other district, assignments, withdrawal
            otherDistrict(api.postEventually("/api/topics/" + topic + "/claims", other.department, claim(List.of())),
                    other.department + " claims " + topic);
            otherDistrict(api.postEventually("/api/topics/" + topic + "/claims", d.department, claim(List.of(other.department))),
                    d.department + " names " + other.department + " as co-claimant");
            otherDistrict(api.postEventually("/api/topics/" + topic + "/assign", other.coordinator, Map.of("orgId", other.department)),
                    other.coordinator + " assigns " + topic + " to " + other.department);
            otherDistrict(api.postEventually("/api/topics/" + topic + "/assign", other.coordinator, Map.of("orgId", d.department)),
                    other.coordinator + " assigns " + topic + " to " + d.department);
            otherDistrict(api.postEventually("/api/topics/" + topic + "/withdraw", other.street, Map.of("reason", "越区撤回")),
                    other.street + " withdraws " + topic);
            // topic-service: publishing, posting into the batch, the batch's life
            otherDistrict(api.post("/api/topics/" + topic + "/publish", other.street, null), other.street + " publishes " + topic);
            otherDistrict(api.post("/api/topics", other.street, topicIn(d.batch, "越区出题 " + word)),
                    other.street + " posts into " + d.batch);
            otherDistrict(api.post("/api/batches/" + d.planned + "/open", other.coordinator, null),
                    other.coordinator + " opens " + d.planned);
            otherDistrict(api.post("/api/batches/" + d.batch + "/close-claiming", other.coordinator, null),
                    other.coordinator + " closes claiming of " + d.batch);
            otherDistrict(api.post("/api/batches/" + d.batch + "/close", other.coordinator, null),
                    other.coordinator + " closes " + d.batch);
            // dispatch-service and resolution-service
            otherDistrict(api.postEventually("/api/topics/" + d.solved + "/progress", other.department,
                    Map.of("percent", 50, "note", "越区进展")), other.department + " reports on " + d.solved);
            otherDistrict(api.postEventually("/api/topics/" + d.solved + "/evaluation-links", other.street, Map.of("count", 1)),
                    other.street + " asks for evaluation links of " + d.solved);

            // Nothing was stored: the planned batch opens for its own coordinator, the open topic goes to the first of
            // its own district's departments that claims it, and the topic, the batch and the stores show only that.
            api.post("/api/batches/" + d.planned + "/open", d.coordinator, null).expect(202);
            awaitBatch(d.planned, d.coordinator, "OPEN");
            board.claimAndAwait(topic, d.department);
            JsonNode after = api.awaitTopic(topic, d.coordinator, t -> Board.types(t).contains("ClaimAwarded"));
            assertThat(Board.types(after)).as(topic + " timeline").containsExactly("TopicPosted", "TopicPublished",
                    "ClaimSubmitted", "ClaimAwarded");
            assertThat(after.get("claims").size()).isEqualTo(1);
            assertThat(after.get("claims").get(0).get("coClaimantOrgIds").size()).as("no co-claimant").isZero();
            assertThat(api.get("/api/topics/" + topic + "/timeline", d.coordinator).expect(200).body().toString())
                    .doesNotContain("\"" + other.department + "\"", "\"" + other.street + "\"", "\"" + other.coordinator + "\"");
            assertThat(Board.types(api.get("/api/topics/" + d.solved, d.coordinator).expect(200).body()))
                    .doesNotContain("ProgressReported", "EvaluationLinksIssued");
            assertThat(api.get("/api/batches/" + d.batch, d.coordinator).expect(200).body().get("state").asString()).isEqualTo("OPEN");
            assertThat(ids(api.get("/api/topics?batch=" + d.batch + "&size=200", d.coordinator).expect(200).body().get("items")))
                    .as("no topic posted into " + d.batch + " by " + other.street).containsExactlyInAnyOrderElementsOf(d.topics());
            for (ServiceSpec service : eventStores()) {
                assertThat(stored(service)).as(service.name() + ": events of " + other.id + "'s people on " + d.id + "'s board")
                        .filteredOn(e -> d.things().contains(subject(e)))
                        .noneMatch(e -> other.id.equals(actorsDistrict(e)));
            }
        }
    }

    @Test
    void aCoordinatorKeepsTheirOwnDistrictsDirectoryOnly() {
        String invited = "u" + suffix();
        String invitedToo = "u" + suffix();
        String newOrg = "street-t" + suffix();
        String streetName = find(api.get("/api/orgs", D1.coordinator).expect(200).body(), "id", D1.street).get("name").asString();

        // The first district's coordinator on the second district's directory
        otherDistrict(api.post("/api/organisations/d2-street-01/rename", D1.coordinator, Map.of("name", "越区改名", "nameEn",
                "Renamed across")), "rename d2-street-01");
        otherDistrict(api.post("/api/organisations/d2-street-01/move", D1.coordinator, Map.of("parentId", D1.street)),
                "move d2-street-01");
        otherDistrict(api.post("/api/organisations/d2-street-01/retire", D1.coordinator, null), "retire d2-street-01");
        otherDistrict(api.post("/api/organisations", D1.coordinator, Map.of("id", newOrg, "name", "越区新街道", "kind", "STREET",
                "parentId", "d2-street-01")), "add an organisation below d2-street-01");
        otherDistrict(api.post("/api/staff", D1.coordinator, Map.of("username", invited, "displayName", "越区邀请", "role", "STAFF",
                "orgId", "d2-dept-01")), "invite into d2-dept-01");
        otherDistrict(api.post("/api/staff/d2-street-01/reset-credentials", D1.coordinator, null), "reset d2-street-01");
        otherDistrict(api.post("/api/staff/d2-street-01/move", D1.coordinator, Map.of("orgId", D1.street)), "move account d2-street-01");
        otherDistrict(api.post("/api/staff/d2-street-01/deactivate", D1.coordinator, null), "deactivate d2-street-01");
        // The second district's coordinator on the first district's directory
        otherDistrict(api.post("/api/organisations/" + D1.street + "/rename", D2.coordinator, Map.of("name", "越区改名")),
                "rename " + D1.street);
        otherDistrict(api.post("/api/organisations/" + D1.street + "/retire", D2.coordinator, null), "retire " + D1.street);
        otherDistrict(api.post("/api/staff", D2.coordinator, Map.of("username", invitedToo, "displayName", "越区邀请",
                "role", "STAFF", "orgId", D1.department)), "invite into " + D1.department);
        otherDistrict(api.post("/api/staff/" + D1.street + "/reset-credentials", D2.coordinator, null), "reset " + D1.street);
        otherDistrict(api.post("/api/staff/d2-street-03/move", D2.coordinator, Map.of("orgId", D1.street)),
                "move d2-street-03 into " + D1.street);

        // Nothing was stored ...
        List<JsonNode> directory = stored(ServiceSpec.TOPIC);
        assertThat(directory).as("events of accounts and organisations refused").noneMatch(e -> Set.of(invited, invitedToo, newOrg)
                .contains(subject(e)));
        assertThat(directory).filteredOn(e -> Set.of("d2-street-01", "d2-street-03").contains(subject(e))).extracting(
                TenancyEndToEndIT::typeOf).doesNotContain("OrgRenamed", "OrgMoved", "OrgRetired", "StaffCredentialsReset",
                "StaffMoved", "StaffDeactivated");
        assertThat(directory).filteredOn(e -> D1.street.equals(subject(e)) || D1.department.equals(subject(e)))
                .noneMatch(e -> D2.coordinator.equals(Board.text(e, "actoruser")));
        // ... the directory and the accounts are as they were, and the people still sign in
        JsonNode unchanged = find(api.get("/api/orgs", D2.coordinator).expect(200).body(), "id", "d2-street-01");
        assertThat(unchanged.get("name").asString()).isEqualTo("山前街道");
        assertThat(unchanged.get("retired").asBoolean()).isFalse();
        assertThat(Board.text(unchanged, "parentId")).isNull();
        assertThat(find(api.get("/api/orgs", D1.coordinator).expect(200).body(), "id", D1.street).get("name").asString())
                .isEqualTo(streetName);
        JsonNode account = find(api.get("/api/staff", D2.coordinator).expect(200).body(), "username", "d2-street-01");
        assertThat(account.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(account.get("orgId").asString()).isEqualTo("d2-street-01");
        assertThat(find(api.get("/api/staff", D2.coordinator).expect(200).body(), "username", "d2-street-03").get("orgId").asString())
                .isEqualTo("d2-street-03");
        login("d2-street-01").expect(200);
        login(D1.street).expect(200);

        // Each coordinator lists their own district's accounts, never the city's
        assertThat(usernames(api.get("/api/staff", D2.coordinator).expect(200).body())).containsExactlyInAnyOrderElementsOf(D2_ACCOUNTS);
        assertThat(usernames(api.get("/api/staff", D1.coordinator).expect(200).body()))
                .contains(D1.coordinator, D1.leader, D1.analyst, D1.street, D1.department, "dept-01", "street-01")
                .doesNotContain(CITY, invited, invitedToo).noneMatch(username -> username.startsWith("d2-"));
        for (String reader : List.of(D2.street, D2.department, D2.leader, D2.analyst)) {
            assertThat(api.get("/api/staff", reader).status()).as(reader + " staff").isEqualTo(403);
            assertThat(api.get("/api/audit", reader).status()).as(reader + " audit").isEqualTo(403);
        }

        // Each coordinator's audit trail is their own district's
        for (District d : both()) {
            District other = other(d);
            awaitAudit(d.coordinator, "subject=" + d.open);
            awaitAudit(d.coordinator, "user=" + d.street);
            assertThat(entries(d.coordinator, "subject=" + other.open)).as(d.coordinator + " audit of " + other.open).isEmpty();
            assertThat(entries(d.coordinator, "subject=" + other.batch)).as(d.coordinator + " audit of " + other.batch).isEmpty();
            assertThat(entries(d.coordinator, "user=" + other.street)).as(d.coordinator + " audit of " + other.street).isEmpty();
            assertThat(entries(d.coordinator, "user=" + other.coordinator)).as(d.coordinator + " audit of " + other.coordinator)
                    .isEmpty();
            List<JsonNode> recent = entries(d.coordinator, "size=200");
            assertThat(recent).as(d.coordinator + " newest audit entries").isNotEmpty()
                    .noneMatch(entry -> other.things().contains(Board.text(entry, "subject")))
                    // Arrays.asList, as the fields may be null (a login of an unknown username, the system)
                    .noneMatch(entry -> java.util.Arrays.asList(other.street, other.department, other.coordinator)
                            .contains(Board.text(entry, "user")))
                    .noneMatch(entry -> java.util.Arrays.asList(other.street, other.department).contains(Board.text(entry, "orgId")));
            assertThat(csv(d.coordinator, "/api/audit/export")).as(d.coordinator + " audit export").contains(d.open)
                    .doesNotContain(other.open, other.solved, other.batch, other.street);
        }
    }

    @Test
    void theCityWritesNothingAnywhere() {
        Map<String, Api.Response> refused = new LinkedHashMap<>();
        refused.put("plan a batch", api.post("/api/batches", CITY, batchPlan("市级批次 " + word)));
        refused.put("close a batch", api.post("/api/batches/" + D1.batch + "/close", CITY, null));
        refused.put("close claiming", api.post("/api/batches/" + D2.batch + "/close-claiming", CITY, null));
        refused.put("post a topic", api.post("/api/topics", CITY, topicIn(D2.batch, "市级出题 " + word)));
        refused.put("claim", api.postEventually("/api/topics/" + D1.open + "/claims", CITY, claim(List.of())));
        refused.put("assign", api.postEventually("/api/topics/" + D2.open + "/assign", CITY, Map.of("orgId", D2.department)));
        refused.put("report progress", api.postEventually("/api/topics/" + D2.solved + "/progress", CITY,
                Map.of("percent", 10, "note", "市级")));
        refused.put("issue evaluation links", api.postEventually("/api/topics/" + D1.solved + "/evaluation-links", CITY,
                Map.of("count", 1)));
        refused.put("rename an organisation", api.post("/api/organisations/" + D1.street + "/rename", CITY, Map.of("name", "市级改名")));
        refused.put("add an organisation", api.post("/api/organisations", CITY, Map.of("id", "street-c" + suffix(), "name", "市级单位",
                "kind", "STREET")));
        refused.put("invite", api.post("/api/staff", CITY, Map.of("username", "u" + suffix(), "displayName", "市级邀请",
                "role", "STAFF", "orgId", D2.department)));
        refused.put("reset an account", api.post("/api/staff/" + D2.street + "/reset-credentials", CITY, null));
        refused.forEach((what, response) -> {
            assertThat(response.status()).as("the city may not " + what + ": " + response.raw().body()).isEqualTo(403);
            assertThat(response.raw().headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        });
        for (ServiceSpec service : eventStores()) {
            assertThat(stored(service)).as(service.name() + ": events by the city level")
                    .noneMatch(e -> CITY.equals(Board.text(e, "actoruser")) || "CITY".equals(Board.text(e, "actorrole")));
        }
        assertThat(values(api.get("/api/batches", CITY).expect(200).body(), "name")).as("no batch planned")
                .noneMatch(name -> name != null && name.startsWith("市级批次"));
        assertThat(api.get("/api/batches/" + D1.batch, CITY).expect(200).body().get("state").asString()).isEqualTo("OPEN");
        assertThat(api.get("/api/batches/" + D2.batch, CITY).expect(200).body().get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void open311ServesEachDistrictAsItsOwnJurisdiction() {
        String v2 = "/open311/v2";
        String statuses = "status=open,closed";
        assertThat(requestIds(api.get(v2 + "/requests.json?jurisdiction_id=d2&" + statuses, null).expect(200).body()))
                .as("the second district's service requests").containsExactlyInAnyOrder(D2.open, D2.solved);
        for (String jurisdiction : List.of("jurisdiction_id=d1&", "jurisdiction_id=jiebang&", "")) {
            assertThat(requestIds(api.get(v2 + "/requests.json?" + jurisdiction + statuses, null).expect(200).body()))
                    .as("the first district's, asked with '" + jurisdiction + "'").contains(D1.open, D1.solved)
                    .doesNotContain(D2.open, D2.solved);
        }
        assertThat(requestIds(api.get(v2 + "/requests.json?jurisdiction_id=d2&service_request_id=" + D1.open + "," + D2.open, null)
                .expect(200).body())).as("ids asked of the other jurisdiction").containsExactly(D2.open);
        String xml = api.get(v2 + "/requests.xml?jurisdiction_id=d2&" + statuses, null).expect(200).raw().body();
        assertThat(xml).contains(D2.open).doesNotContain(D1.open);

        assertThat(api.get(v2 + "/requests/" + D2.open + ".json?jurisdiction_id=d2", null).expect(200).body().get(0)
                .get("service_request_id").asString()).isEqualTo(D2.open);
        assertThat(api.get(v2 + "/requests/" + D1.open + ".json?jurisdiction_id=jiebang", null).expect(200).body().get(0)
                .get("service_request_id").asString()).isEqualTo(D1.open);
        assertThat(api.get(v2 + "/requests/" + D1.open + ".json", null).expect(200).body().get(0)
                .get("service_request_id").asString()).isEqualTo(D1.open);
        open311NotFound(api.get(v2 + "/requests/" + D1.open + ".json?jurisdiction_id=d2", null), "d1 topic asked of d2");
        open311NotFound(api.get(v2 + "/requests/" + D2.open + ".json?jurisdiction_id=d1", null), "d2 topic asked of d1");
        open311NotFound(api.get(v2 + "/requests/" + D2.open + ".json?jurisdiction_id=jiebang", null), "d2 topic asked of jiebang");
        open311NotFound(api.get(v2 + "/requests/" + D2.open + ".json", null), "d2 topic asked of the default jurisdiction");

        open311NotFound(api.get(v2 + "/requests.json?jurisdiction_id=d9", null), "an unknown jurisdiction's list");
        open311NotFound(api.get(v2 + "/requests/" + D1.open + ".json?jurisdiction_id=d9", null), "an unknown jurisdiction's request");
        open311NotFound(api.get(v2 + "/services.json?jurisdiction_id=d9", null), "an unknown jurisdiction's services");
        assertThat(api.get(v2 + "/services.json?jurisdiction_id=d2", null).expect(200).body().size()).isEqualTo(24);
    }

    @Test
    void theLiveStreamTellsEachReaderOfTheirDistrictOnly() {
        // The city's stream, on the same console, is told of both districts: once it has heard of the second
        // district's things, a first-district stream would have too, had it been told.
        List<String> all = Stream.concat(D1.things().stream(), D2.things().stream()).toList();
        LiveStream city = streams.get(CITY);
        Awaitility.await("the city told of both districts").atMost(Duration.ofSeconds(60))
                .until(() -> told(city).containsAll(List.of(D1.open, D1.solved, D2.open, D2.solved, D1.batch, D2.batch)));
        for (District d : both()) {
            District other = other(d);
            for (String reader : d.readers()) {
                LiveStream stream = streams.get(reader);
                Awaitility.await(reader + " told of its district's topics").atMost(Duration.ofSeconds(60))
                        .until(() -> told(stream).containsAll(List.of(d.open, d.solved, d.batch)));
                assertThat(told(stream)).as(reader + " live stream").doesNotContainAnyElementsOf(other.things());
            }
        }
        assertThat(told(city)).containsAll(all.stream().filter(id -> !id.equals(D1.planned) && !id.equals(D2.planned)).toList());
    }

    @Test
    void everyEventCarriesItsDistrictInEveryStoreAndOnKafka() {
        Map<String, String> districtOf = new HashMap<>();
        for (District d : both()) {
            d.things().forEach(thing -> districtOf.put(thing, d.id));
        }
        D2_ACCOUNTS.forEach(name -> districtOf.put(name, D2.id));

        // Stored, in each service, as the service wrote or recorded it
        for (ServiceSpec service : eventStores()) {
            List<JsonNode> events = stored(service);
            assertThat(events).as(service.name() + ": our events carry their district")
                    .filteredOn(e -> districtOf.containsKey(subject(e)))
                    .allSatisfy(e -> assertThat(Board.text(e, "district")).as(typeOf(e) + " on " + subject(e))
                            .isEqualTo(districtOf.get(subject(e))));
            assertThat(events).as(service.name() + ": every person's event is of their own district")
                    .allSatisfy(e -> {
                        String actor = actorsDistrict(e);
                        if (actor != null) {
                            assertThat(districtOrFirst(e)).as(typeOf(e) + " by " + Board.text(e, "actoruser") + " on " + subject(e))
                                    .isEqualTo(actor);
                        }
                    });
        }
        // Each service's own events of the second district (not only what it recorded from others) say so
        assertStored(ServiceSpec.TOPIC, D2.open, "TopicPublished", D2.id);
        assertStored(ServiceSpec.TOPIC, D2.batch, "BatchOpened", D2.id);
        assertStored(ServiceSpec.TOPIC, "d2-dept-01", "OrgRegistered", D2.id);
        assertStored(ServiceSpec.CLAIM, D2.solved, "ClaimAwarded", D2.id);
        assertStored(ServiceSpec.DISPATCH, D2.solved, "EscalationRaised", D2.id);
        assertStored(ServiceSpec.RESOLUTION, D2.solved, "ResolutionAccepted", D2.id);
        assertStored(ServiceSpec.RESOLUTION, D1.solved, "ResolutionAccepted", D1.id);

        // On Kafka, internal and public topics: the CloudEvents extension attribute "district"
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Read> published = readAll(KafkaTopics.PUBLIC);
            assertThat(published).as("the public copy of " + D2.open + "'s publication")
                    .anyMatch(r -> r.subject().equals(D2.open) && r.type().equals("TopicPublished") && D2.id.equals(r.district()));
        });
        List<Read> internal = readAll(KafkaTopics.ALL);
        List<Read> published = readAll(KafkaTopics.PUBLIC);
        for (List<Read> records : List.of(internal, published)) {
            assertThat(records).filteredOn(r -> districtOf.containsKey(r.subject()))
                    .allSatisfy(r -> assertThat(r.district()).as(r.topic() + " " + r.type() + " on " + r.subject())
                            .isEqualTo(districtOf.get(r.subject())));
            assertThat(records).allSatisfy(r -> {
                String actor = actorsDistrict(r.event());
                if (actor != null) {
                    assertThat(districtOrFirst(r.event())).as(r.topic() + " " + r.type() + " by " + Board.text(r.event(), "actoruser"))
                            .isEqualTo(actor);
                }
            });
            assertThat(records).noneMatch(r -> "CITY".equals(Board.text(r.event(), "actorrole")));
        }
        assertThat(internal).filteredOn(r -> r.subject().equals(D2.solved)).extracting(Read::type)
                .contains("TopicPublished", "ClaimAwarded", "ResolutionAccepted", "EscalationRaised");
        assertThat(internal).filteredOn(r -> r.subject().equals(D1.solved)).extracting(Read::type)
                .contains("TopicPublished", "ClaimAwarded", "ResolutionAccepted", "EscalationRaised");
        assertThat(internal).filteredOn(r -> r.topic().equals(KafkaTopics.DIRECTORY) && D2_ORGS.contains(r.subject()))
                .as("the second district's organisations on the directory topic").isNotEmpty();
        assertThat(internal).filteredOn(r -> r.type().equals("DistrictRegistered"))
                .as("each district registered, in itself").extracting(Read::subject).contains(D1.id, D2.id);
        assertThat(internal).filteredOn(r -> r.type().equals("DistrictRegistered"))
                .allSatisfy(r -> assertThat(r.district()).isEqualTo(r.subject()));
    }

    // --- the districts' setup ---

    private static String planBatch(String coordinator, String name) {
        return api.post("/api/batches", coordinator, batchPlan(name)).expect(201).id();
    }

    private static String openBatch(String coordinator, String name) {
        String id = planBatch(coordinator, name);
        api.post("/api/batches/" + id + "/open", coordinator, null).expect(202);
        awaitBatch(id, coordinator, "OPEN");
        return id;
    }

    /** Evaluations of one vote and no window (as {@link Api#createOpenBatch}); evaluation links overdue after a day. */
    private static Map<String, Object> batchPlan(String name) {
        OffsetDateTime now = api.now();
        Map<String, Object> plan = new HashMap<>(Map.of("name", name, "opensAt", now.minusDays(1).toString(),
                "claimDeadline", now.plusDays(14).toString(), "dueDate", now.plusDays(90).toString(), "reportingPeriodDays", 7));
        plan.putAll(Map.of("evaluationQuorum", 1, "evaluationMinimumWindowHours", 0, "evaluationLinksLimitDays", 1));
        return plan;
    }

    private static void awaitBatch(String id, String reader, String state) {
        Awaitility.await(id + " " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response batch = api.get("/api/batches/" + id, reader);
            return batch.status() == 200 && state.equals(batch.body().get("state").asString());
        });
    }

    private static Map<String, Object> topicIn(String batch, String title) {
        return Map.of("batchId", batch, "title", title, "description", title + "：详细说明", "category", "SW-08",
                "expectedOutcome", "解决", "dueDate", api.now().plusDays(30).toString(), "priority", "HIGH",
                "claimMode", "FIRST_COME", "maxCoClaimants", 1);
    }

    private static Map<String, Object> claim(List<String> coClaimants) {
        return Map.of("coClaimantOrgIds", coClaimants, "plan", "越区方案", "committedDate", api.now().plusDays(20).toString());
    }

    private static List<District> both() {
        return List.of(D1, D2);
    }

    private static District other(District d) {
        return d == D1 ? D2 : D1;
    }

    private static List<String> everyone() {
        return Stream.concat(Stream.concat(D1.readers().stream(), D2.readers().stream()), Stream.of(CITY)).toList();
    }

    // --- answers ---

    /** Refused as another district's: 403, problem+json, type .../other-district. */
    private static void otherDistrict(Api.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response.raw().body()).isEqualTo(403);
        assertThat(response.raw().headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        assertThat(response.type()).as(what).endsWith("/other-district");
    }

    private static void notFound(Api.Response response, String code, String what) {
        assertThat(response.status()).as(what + ": " + response.raw().body()).isEqualTo(404);
        assertThat(response.type()).as(what).endsWith("/" + code);
    }

    /** Open311's own error list, code 404. */
    private static void open311NotFound(Api.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response.raw().body()).isEqualTo(404);
        assertThat(response.body().isArray()).as(what).isTrue();
        assertThat(response.body().get(0).get("code").asInt()).as(what).isEqualTo(404);
    }

    private static Api.Response login(String user) {
        return api.send("POST", "/api/auth/login", null, Map.of("username", user, "password", Api.PASSWORD));
    }

    private static List<String> ids(JsonNode array) {
        return values(array, "id");
    }

    private static List<String> topicIds(JsonNode array) {
        return values(array, "topicId");
    }

    private static List<String> usernames(JsonNode array) {
        return values(array, "username");
    }

    /** The district of each item; null for an item without one. */
    private static List<String> districtsOf(JsonNode array) {
        List<String> districts = new ArrayList<>();
        array.forEach(item -> districts.add(Board.text(item, "district")));
        return districts;
    }

    private static List<String> values(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(item -> Board.text(item, field)).toList();
    }

    private static List<String> requestIds(JsonNode requests) {
        return values(requests, "service_request_id");
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(item -> value.equals(Board.text(item, field))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + array));
    }

    private static Map<String, JsonNode> districtRows(JsonNode comparison) {
        Map<String, JsonNode> rows = new HashMap<>();
        comparison.get("districts").forEach(row -> rows.put(row.get("districtId").asString(), row));
        return rows;
    }

    /** Waits until the reader's suggestions for the solved topics' title include the expected one, and answers them. */
    private static List<String> awaitSuggestions(String reader, String expected) {
        List<String> last = new ArrayList<>();
        Awaitility.await(reader + " suggested " + expected).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last.clear();
                    last.addAll(topicIds(api.get("/api/topics/similar?limit=20&text=" + encode(SOLVED_TITLE + " " + word), reader)
                            .expect(200).body()));
                    return last.contains(expected);
                });
        return List.copyOf(last);
    }

    private static String csv(String reader, String path) {
        HttpResponse<byte[]> response = api.download(path, reader, "text/csv", "zh-CN");
        assertThat(response.statusCode()).as(reader + " " + path).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> entries(String coordinator, String query) {
        List<JsonNode> entries = new ArrayList<>();
        api.get("/api/audit?" + query, coordinator).expect(200).body().get("entries").forEach(entries::add);
        return entries;
    }

    private static void awaitAudit(String coordinator, String query) {
        Awaitility.await(coordinator + " audit " + query).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !entries(coordinator, query).isEmpty());
    }

    /** The ids of everything the stream told of (topics, batches, organisations...). */
    private static Set<String> told(LiveStream stream) {
        return stream.lines().stream().filter(line -> line.startsWith("data:")).map(line -> JSON.readTree(line.substring(5)))
                .map(change -> change.path("id").asString("")).collect(Collectors.toSet());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    // --- events ---

    private static List<ServiceSpec> eventStores() {
        return ServiceSpec.ALL.stream().filter(spec -> spec != ServiceSpec.CONSOLE).toList();
    }

    /** Every event a service stored, as it stored it (the CloudEvents JSON): its own, and those it recorded. */
    private static List<JsonNode> stored(ServiceSpec service) {
        List<JsonNode> events = new ArrayList<>();
        for (Document commit : stores.collection(service, "commits").find()) {
            for (Document event : commit.getList("events", Document.class)) {
                String json = event.getString("json");
                if (json != null) {
                    try {
                        events.add(JSON.readTree(json));
                    } catch (JacksonException notAnEvent) {
                        // not ours to check here
                    }
                }
            }
        }
        return events;
    }

    private static void assertStored(ServiceSpec service, String subject, String type, String district) {
        assertThat(stored(service)).as(service.name() + " stored " + type + " on " + subject)
                .filteredOn(e -> subject.equals(subject(e)) && type.equals(typeOf(e))).isNotEmpty()
                .allSatisfy(e -> assertThat(Board.text(e, "district")).isEqualTo(district));
    }

    private static String subject(JsonNode event) {
        return event.path("subject").asString("");
    }

    /** The board's name of the type (the wire carries its reverse-DNS name). */
    private static String typeOf(JsonNode event) {
        String wire = event.path("type").asString("");
        return EventCatalog.byWireType(wire).map(EventType::name).orElse(wire);
    }

    /** An event without the attribute is of the first district (written before districts existed). */
    private static String districtOrFirst(JsonNode event) {
        String district = Board.text(event, "district");
        return district == null ? D1.id : district;
    }

    /**
     * The district of the person who acted, by the demo directory's names (the second district's people and
     * organisations are named d2-…, a street system's user open311:&lt;street&gt;); null for the system and residents,
     * and when the event does not say who (a public copy names no user, so a coordinator's names nobody).
     */
    private static String actorsDistrict(JsonNode event) {
        String user = Board.text(event, "actoruser");
        String org = Board.text(event, "actororg");
        if (!DISTRICT_ROLES.contains(Board.text(event, "actorrole")) || (user == null && org == null)) {
            return null;
        }
        return ofSecond(user) || ofSecond(org) ? D2.id : D1.id;
    }

    private static boolean ofSecond(String name) {
        return name != null && (name.startsWith("d2-") || name.startsWith("open311:d2-"));
    }

    private static List<Read> readAll(Collection<String> topics) {
        return KafkaRecords.readAll(RunningStack.get().kafkaBootstrap(), topics);
    }
}
