package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The coordinator keeps the directory from the console (docs/administration.md): organisations added, renamed, moved
 * and retired, staff invited, activated, moved, reset and deactivated, each with its effect on every service and in
 * the audit trail; and nobody else may.
 */
class AdministrationEndToEndIT {

    static Api api;

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
    }

    @Test
    void aCoordinatorKeepsOrganisationsAndEveryServiceFollows() {
        String org = "street-x" + suffix();
        String parent = "street-p" + suffix();
        api.post("/api/organisations", "coordinator", Map.of("id", parent, "name", "新区街道办", "nameEn", "New district office",
                "kind", "STREET")).expect(201);
        api.post("/api/organisations", "coordinator", Map.of("id", org, "name", "新建街道", "nameEn", "New street",
                "kind", "STREET", "parentId", parent)).expect(201);
        // Refusals, in the asker's language, and nothing stored.
        assertThat(api.post("/api/organisations", "coordinator", Map.of("id", org, "name", "又一个", "kind", "STREET"), "zh-CN")
                .expect(409).body().get("detail").asString()).isEqualTo("单位 " + org + " 已存在");
        assertThat(api.post("/api/organisations", "coordinator", Map.of("id", "Bad Id", "name", "x", "kind", "STREET"), "en")
                .expect(400).body().get("detail").asString()).contains("lower-case letters");
        assertThat(api.post("/api/organisations", "street-01", Map.of("id", "street-y" + suffix(), "name", "x", "kind", "STREET"), "zh-CN")
                .expect(403).body().get("detail").asString()).isEqualTo("只有区调度中心可以管理单位和账号");
        assertThat(api.post("/api/organisations/" + parent + "/move", "coordinator", Map.of("parentId", org), "en")
                .expect(400).body().get("detail").asString()).isEqualTo(parent + " cannot be put below itself");

        JsonNode added = awaitOrg(org, o -> o.get("parentId").asString().equals(parent));
        assertThat(added.get("name").asString()).isEqualTo("新建街道");
        assertThat(added.get("retired").asBoolean()).isFalse();

        api.post("/api/organisations/" + org + "/rename", "coordinator", Map.of("name", "更名街道", "nameEn", "Renamed street")).expect(202);
        api.post("/api/organisations/" + org + "/move", "coordinator", new HashMap<>(Map.of())).expect(202);
        awaitOrg(org, o -> o.get("name").asString().equals("更名街道") && o.get("parentId").isNull());

        // Its staff, invited and activated, posts a topic for it; once retired it posts and claims no more.
        String user = "u" + suffix();
        String code = api.post("/api/staff", "coordinator", Map.of("username", user, "displayName", "新同事", "role", "STAFF",
                "orgId", org)).expect(201).body().get("activationCode").asString();
        String password = "a long enough password";
        activateEventually(user, code, password);
        String token = login(user, password).expect(200).body().get("accessToken").asString();
        String batch = api.createOpenBatch("管理批次");
        assertThat(api.send("POST", "/api/topics", token, topic(batch, "新单位的榜单")).expect(201).id()).isNotBlank();

        api.post("/api/organisations/" + org + "/retire", "coordinator", null).expect(202);
        awaitOrg(org, o -> o.get("retired").asBoolean());
        assertThat(api.post("/api/organisations/" + org + "/rename", "coordinator", Map.of("name", "再改"), "zh-CN")
                .expect(409).body().get("detail").asString()).isEqualTo("单位 " + org + " 已撤销");
        assertThat(api.send("POST", "/api/topics", token, topic(batch, "撤销后的榜单"), null, "en")
                .expect(403).body().get("detail").asString()).isEqualTo(org + " is retired");
        String deptTopic = api.post("/api/topics", "dept-03", topic(batch, "部门出题给街道")).expect(201).id();
        api.post("/api/topics/" + deptTopic + "/publish", "dept-03", null).expect(202);
        Api.Response claim = claimEventually(deptTopic, token);
        assertThat(claim.status()).as(claim.raw().body()).isEqualTo(403);
        assertThat(claim.body().get("detail").asString()).contains("已撤销");
        assertThat(api.post("/api/staff", "coordinator", Map.of("username", "u" + suffix(), "displayName", "x", "role", "STAFF",
                "orgId", org), "en").expect(409).body().get("detail").asString()).isEqualTo(org + " is retired");
    }

    @Test
    void anInvitedPersonSetsTheirPasswordOnceAndIsSignedOutByEveryChange() {
        String user = "u" + suffix();
        JsonNode invited = api.post("/api/staff", "coordinator", Map.of("username", user, "displayName", "王小明", "role", "STAFF",
                "orgId", "street-04")).expect(201).body();
        String code = invited.get("activationCode").asString();
        assertThat(invited.get("activationExpiresAt").asString()).isNotBlank();
        assertThat(api.post("/api/staff", "coordinator", Map.of("username", user, "displayName", "x", "role", "STAFF",
                "orgId", "street-04"), "zh-CN").expect(409).body().get("detail").asString()).isEqualTo("账号 " + user + " 已存在");
        assertThat(api.post("/api/staff", "coordinator", Map.of("username", "u" + suffix(), "displayName", "x", "role", "ANALYST",
                "orgId", "street-04"), "en").expect(400).body().get("detail").asString())
                .isEqualTo("only a STAFF account acts for an organisation");
        assertThat(api.post("/api/staff", "street-04", Map.of("username", "u" + suffix(), "displayName", "x", "role", "STAFF",
                "orgId", "street-04")).expect(403).status()).isEqualTo(403);

        // Invited: listed, not yet able to log in; a wrong code or a short password changes nothing.
        JsonNode listed = awaitStaff(user, s -> "INVITED".equals(s.get("status").asString()));
        assertThat(listed.get("orgId").asString()).isEqualTo("street-04");
        assertThat(listed.get("managed").asBoolean()).isTrue();
        assertThat(login(user, "anything at all").status()).isEqualTo(401);
        assertThat(activate(user, "wrong-code", "a long enough password", "zh-CN").expect(400).body().get("detail").asString())
                .startsWith("激活码错误");
        assertThat(activate(user, code, "short", "en").expect(400).body().get("detail").asString())
                .isEqualTo("a password has at least 12 characters");

        activate(user, code, "first password here", null).expect(204);
        assertThat(activate(user, code, "second password here", "en").expect(400).body().get("detail").asString())
                .as("a code works once").contains("wrong, used or expired");
        String first = login(user, "first password here").expect(200).body().get("accessToken").asString();
        assertThat(login(user, "first password here").body().get("orgId").asString()).isEqualTo("street-04");
        assertThat(api.send("GET", "/api/inbox/unread-count", first, null).status()).isEqualTo(200);

        // Moved: the old token (naming street-04) is void; a new login acts for street-05.
        api.post("/api/staff/" + user + "/move", "coordinator", Map.of("orgId", "street-05")).expect(202);
        awaitRefused(first);
        awaitStaff(user, s -> "street-05".equals(s.get("orgId").asString()));
        String moved = login(user, "first password here").expect(200).body().get("accessToken").asString();
        assertThat(login(user, "first password here").body().get("orgId").asString()).isEqualTo("street-05");

        // Reset: the password and tokens are void until the new code sets another.
        String newCode = api.post("/api/staff/" + user + "/reset-credentials", "coordinator", null).expect(202).body()
                .get("activationCode").asString();
        awaitRefused(moved);
        awaitStaff(user, s -> "INVITED".equals(s.get("status").asString()));
        assertThat(login(user, "first password here").status()).as("the old password is void").isEqualTo(401);
        activate(user, newCode, "second password here", null).expect(204);
        String afterReset = login(user, "second password here").expect(200).body().get("accessToken").asString();

        // Deactivated: no token, no login, no more changes.
        api.post("/api/staff/" + user + "/deactivate", "coordinator", null).expect(202);
        awaitRefused(afterReset);
        awaitStaff(user, s -> "DEACTIVATED".equals(s.get("status").asString()));
        assertThat(login(user, "second password here").status()).isEqualTo(401);
        assertThat(api.post("/api/staff/" + user + "/reset-credentials", "coordinator", null, "zh-CN").expect(409).body()
                .get("detail").asString()).isEqualTo("账号 " + user + " 已停用");
        assertThat(api.post("/api/staff/coordinator/deactivate", "coordinator", null, "en").expect(409).body()
                .get("detail").asString()).isEqualTo("a coordinator does not deactivate their own account");

        // The audit trail has it all, logins included, newest first, filtered by subject, user and action; others may
        // not read it. (Entries of the same millisecond, from different processes, come in either order.)
        List<String> actions = new ArrayList<>();
        List<java.time.Instant> times = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            actions.clear();
            times.clear();
            api.get("/api/audit?subject=" + user + "&size=200", "coordinator").expect(200).body().get("entries").forEach(entry -> {
                actions.add(entry.get("action").asString());
                times.add(java.time.Instant.parse(entry.get("at").asString()));
            });
            return actions.contains("StaffDeactivated");
        });
        assertThat(actions).contains("StaffInvited", "CredentialsSet", "StaffMoved", "StaffCredentialsReset", "StaffDeactivated",
                "LoginSucceeded", "LoginFailed");
        assertThat(actions).filteredOn(action -> action.startsWith("Staff"))
                .containsExactly("StaffDeactivated", "StaffCredentialsReset", "StaffMoved", "StaffInvited");
        assertThat(actions.stream().filter("CredentialsSet"::equals)).hasSize(2);
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode logins = api.get("/api/audit?user=" + user + "&action=LoginFailed", "coordinator").expect(200).body();
        assertThat(logins.get("entries")).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("action").asString()).isEqualTo("LoginFailed");
            assertThat(entry.get("detail").asString()).isNotBlank();
        });
        JsonNode invite = api.get("/api/audit?subject=" + user + "&action=StaffInvited", "coordinator").expect(200).body()
                .get("entries").get(0);
        assertThat(invite.get("user").asString()).isEqualTo("coordinator");
        assertThat(invite.get("role").asString()).isEqualTo("COORDINATOR");
        assertThat(api.get("/api/audit?page=0&size=1", "coordinator").body().get("hasMore").asBoolean()).isTrue();
        Api.Response csv = api.get("/api/audit/export?subject=" + user, "coordinator").expect(200);
        assertThat(csv.raw().body()).contains("StaffInvited").contains("LoginFailed");
        assertThat(api.get("/api/audit", "street-01").status()).isEqualTo(403);
        assertThat(api.get("/api/audit", "leader").status()).isEqualTo(403);
        assertThat(api.get("/api/staff", "street-01").status()).isEqualTo(403);
        assertThat(api.post("/api/staff/" + user + "/deactivate", "street-01", null).status()).isEqualTo(403);
    }

    @Test
    void theSeededDemoAccountsAreManagedLikeAnyOther() {
        JsonNode staff = api.get("/api/staff", "coordinator").expect(200).body();
        Map<String, JsonNode> byName = new HashMap<>();
        staff.forEach(s -> byName.put(s.get("username").asString(), s));
        assertThat(byName.get("street-01").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(byName.get("street-01").get("managed").asBoolean()).isTrue();
        assertThat(byName.get("coordinator").get("role").asString()).isEqualTo("COORDINATOR");
    }

    private static Map<String, Object> topic(String batch, String title) {
        return Map.of("batchId", batch, "title", title, "description", title + "：详细说明", "category", "SW-08",
                "expectedOutcome", "解决", "dueDate", api.now().plusDays(30).toString(), "priority", "HIGH",
                "claimMode", "FIRST_COME", "maxCoClaimants", 0);
    }

    private static Api.Response claimEventually(String topicId, String token) {
        Api.Response[] last = new Api.Response[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = api.send("POST", "/api/topics/" + topicId + "/claims", token, Map.of("plan", "方案",
                    "committedDate", api.now().plusDays(20).toString()), null, "zh-CN");
            return !last[0].type().endsWith("/topic-not-found") && !last[0].type().endsWith("/unknown-organisation")
                    && last[0].status() != 404;
        });
        return last[0];
    }

    /** This class's logins and activations, some failing on purpose, come from an address of their own. */
    private static final String ADDRESS = "10.13.0." + (1 + new java.util.Random().nextInt(250));

    private static Api.Response login(String user, String password) {
        return api.send("POST", "/api/auth/login", null, Map.of("username", user, "password", password), null, null, ADDRESS);
    }

    private static Api.Response activate(String user, String code, String password, String language) {
        return api.send("POST", "/api/auth/activate", null, Map.of("username", user, "code", code, "password", password),
                null, language, ADDRESS);
    }

    /**
     * The console learns of the invitation from Kafka: once the coordinator's list shows it, the code is known there
     * (activating earlier would count as a failed attempt).
     */
    private static void activateEventually(String user, String code, String password) {
        awaitStaff(user, s -> "INVITED".equals(s.get("status").asString()));
        activate(user, code, password, null).expect(204);
    }

    private static void awaitRefused(String token) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.send("GET", "/api/inbox/unread-count", token, null).status() == 401);
    }

    private static JsonNode awaitOrg(String id, Predicate<JsonNode> check) {
        return awaitIn("/api/orgs", "id", id, check);
    }

    private static JsonNode awaitStaff(String username, Predicate<JsonNode> check) {
        return awaitIn("/api/staff", "username", username, check);
    }

    private static JsonNode awaitIn(String path, String key, String value, Predicate<JsonNode> check) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode item : api.get(path, "coordinator").expect(200).body()) {
                if (value.equals(item.get(key).asString()) && check.test(item)) {
                    found[0] = item;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
