package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.jiebang.devstack.ProjectHome;
import io.jiebang.devstack.ServiceSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Nobody where they don't belong: tokens, organisations and roles, secrets, limits and headers. */
class SecurityEndToEndIT {

    static Api api;
    static Board board;
    static Stores stores;

    @BeforeAll
    static void setUp() {
        api = RunningStack.api();
        board = new Board(api);
        stores = new Stores(RunningStack.get());
    }

    @AfterAll
    static void tearDown() {
        stores.close();
    }

    @Test
    void everyEndpointButLoginHealthAndThePublicVoteNeedsAToken() throws Exception {
        JsonNode spec = new YAMLMapper().readTree(ProjectHome.find().resolve("services/console/src/main/resources/api/openapi.yaml").toFile());
        List<String> open = new ArrayList<>();
        spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            boolean isPublic = operation.getValue().has("security") && operation.getValue().get("security").isEmpty();
            String target = path.getKey().replace("{id}", "t-x").replace("{claimId}", "c-x").replace("{appealId}", "ap-x").replace("{deliveryId}", "d-x").replace("{period}", "1")
                    .replace("{token}", "x").replace("{username}", "u-x").replace("{code}", "ND-01").replace("{format}", "json");
            Api.Response response = api.send(operation.getKey().toUpperCase(), target, null,
                    operation.getKey().equals("post") ? "{}" : null);
            if (isPublic == (response.status() == 401)) {
                open.add(operation.getKey() + " " + path.getKey() + " -> " + response.status());
            }
            if (response.status() == 401) {
                // Open311 answers GeoReport's own error list.
                assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
                        .startsWith(path.getKey().startsWith("/open311/") ? "application/json" : "application/problem+json");
            }
        }));
        assertThat(open).as("endpoints whose need for a token differs from the description").isEmpty();
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        for (ServiceSpec service : ServiceSpec.ALL) {
            HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(RunningStack.url(service) + "/api/topics/t-x/withdraw")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).as(service.name() + " checks tokens itself").isEqualTo(401);
        }
    }

    @Test
    void expiredForgedAndUnsignedTokensAreRefused() throws Exception {
        RSAKey consoleKey = RSAKey.parse(Files.readString(signingKeyFile()));
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = sign(consoleKey, new JWTClaimsSet.Builder().issuer("jiebang-console").subject("street-01")
                .claim("org", "street-01").claim("roles", List.of("STAFF"))
                .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build());
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(consoleKey.getKeyID()).generate();
        String forged = sign(stranger, new JWTClaimsSet.Builder().issuer("jiebang-console").subject("coordinator")
                .claim("roles", List.of("COORDINATOR")).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject("coordinator").claim("roles", List.of("COORDINATOR"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build()).serialize();
        String otherIssuer = sign(consoleKey, new JWTClaimsSet.Builder().issuer("someone-else").audience("jiebang")
                .subject("street-01").claim("org", "street-01").claim("roles", List.of("STAFF"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        String otherAudience = sign(consoleKey, new JWTClaimsSet.Builder().issuer("jiebang-console").audience("another-app")
                .subject("street-01").claim("org", "street-01").claim("roles", List.of("STAFF"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        String noAudience = sign(consoleKey, new JWTClaimsSet.Builder().issuer("jiebang-console").subject("street-01")
                .claim("org", "street-01").claim("roles", List.of("STAFF")).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        for (String token : List.of(expired, forged, unsigned, "not-a-token", otherIssuer, otherAudience, noAudience)) {
            Api.Response response = api.send("GET", "/api/topics", token, null);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        }
        for (String token : List.of(otherIssuer, otherAudience, noAudience)) {
            for (ServiceSpec service : List.of(ServiceSpec.TOPIC, ServiceSpec.CLAIM, ServiceSpec.DISPATCH, ServiceSpec.RESOLUTION)) {
                HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(RunningStack.url(service) + "/api/topics/t-x/withdraw")).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(direct.statusCode()).as(service.name() + " checks iss and aud itself").isEqualTo(401);
            }
        }
        String goodUntilNow = sign(consoleKey, new JWTClaimsSet.Builder().issuer("jiebang-console").audience("jiebang").subject("street-01")
                .claim("org", "street-01").claim("roles", List.of("STAFF")).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        assertThat(api.send("GET", "/api/topics", goodUntilNow, null).status()).as("the same key, issuer and audience, not expired")
                .isEqualTo(200);
        assertThat(SignedJWT.parse(api.token("street-01")).getJWTClaimsSet().getAudience()).as("what the console issues")
                .containsExactly("jiebang");
    }

    @Test
    void repeatedFailedLoginsAreThrottledPerAccountAndPerAddress() throws Exception {
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        for (int i = 0; i < 5; i++) {
            assertThat(login("dept-44", "wrong-" + i, "198.51.101." + i, "en").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login("dept-44", Api.PASSWORD, "198.51.102.1", "zh-CN");
        assertThat(locked.statusCode()).as("even the right password, from another address").isEqualTo(429);
        assertThat(locked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(locked.body()).contains("登录失败次数过多");

        for (int i = 0; i < 20; i++) {
            assertThat(login("nobody-" + i, "wrong", address, "en").statusCode()).as("unknown users count too").isEqualTo(401);
        }
        assertThat(login("dept-45", Api.PASSWORD, address, "en").statusCode()).as("the address is locked").isEqualTo(429);
        assertThat(login("dept-45", Api.PASSWORD, "198.51.102.2", "en").statusCode()).as("the account is not").isEqualTo(200);
    }

    private static HttpResponse<String> login(String username, String password, String address, String language) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RunningStack.url(ServiceSpec.CONSOLE) + "/api/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address).header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedOutTokenIsRefusedWhileAnotherSessionGoesOn() throws Exception {
        String signingOut = freshToken("street-03");
        String otherSession = freshToken("street-03");
        assertThat(api.send("GET", "/api/topics", signingOut, null).status()).isEqualTo(200);

        assertThat(api.send("POST", "/api/auth/logout", signingOut, null).status()).isEqualTo(204);

        Api.Response refused = api.send("GET", "/api/topics", signingOut, null);
        assertThat(refused.status()).as("signed out, though not expired").isEqualTo(401);
        assertThat(refused.body().get("detail").asString()).contains("signed out");
        assertThat(api.send("GET", "/api/topics", otherSession, null).status()).isEqualTo(200);
    }

    @Test
    void aTokenInTheQueryIsTakenOnTheLiveStreamOnly() throws Exception {
        String token = api.token("street-03");
        assertThat(api.send("GET", "/api/topics?access_token=" + token, null, null).status()).isEqualTo(401);
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(RunningStack.url(ServiceSpec.CONSOLE) + "/api/stream?access_token=" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
        }
    }

    private static String freshToken(String username) throws Exception {
        HttpResponse<String> response = login(username, Api.PASSWORD, "127.0.0.1", "en");
        assertThat(response.statusCode()).isEqualTo(200);
        return new tools.jackson.databind.json.JsonMapper().readTree(response.body()).get("accessToken").asString();
    }

    @Test
    void theSigningKeyIsMadeAtFirstRunKeptPrivateAndNeverCommitted() throws Exception {
        Path key = signingKeyFile();
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(ProjectHome.find().resolve(".gitignore"))).contains(".data/");
        Process tracked = new ProcessBuilder("git", "ls-files").directory(ProjectHome.find().toFile()).start();
        String files = new String(tracked.getInputStream().readAllBytes());
        assertThat(files).doesNotContain("jwt-signing-key").doesNotContain(".data/");
    }

    @Test
    void passwordsAreKeptOnlyAsHashes() {
        for (Document user : stores.collection(ServiceSpec.CONSOLE, "users").find()) {
            // An invited account has no password until its activation code sets one; the code is kept as its hash.
            if (user.containsKey("passwordHash")) {
                assertThat(user.getString("passwordHash")).startsWith("$2").doesNotContain(Api.PASSWORD);
            }
            if (user.containsKey("activationHash")) {
                assertThat(user.getString("activationHash")).matches("[0-9a-f]{64}");
            }
            assertThat(user.toJson()).doesNotContain("\"" + Api.PASSWORD + "\"");
        }
    }

    @Test
    void actionsAreScopedToTheUsersOrganisationAndRole() {
        String batchId = api.createOpenBatch("权限批次");
        Map<String, Object> topic = Map.of("batchId", batchId, "title", "权限检查", "description", "d", "category", "ND-01",
                "expectedOutcome", "o", "dueDate", api.now().plusDays(30).toString(), "priority", "LOW",
                "claimMode", "FIRST_COME", "maxCoClaimants", 1);
        assertThat(api.post("/api/topics", "coordinator", topic).status()).as("a coordinator posts for no organisation").isEqualTo(403);
        assertThat(api.post("/api/topics", "analyst", topic).status()).as("an analyst only reads").isEqualTo(403);
        assertThat(api.post("/api/batches/" + batchId + "/close-claiming", "street-01", null).status())
                .as("coordinator-only").isEqualTo(403);
        String topicId = board.postAndPublish("street-03", batchId, "权限检查", "FIRST_COME", 1, 30);
        assertThat(api.post("/api/topics/" + topicId + "/withdraw", "street-04", null).status()).as("not the poster").isEqualTo(403);
        board.claimAndAwait(topicId, "dept-05", "dept-06");
        assertThat(api.postEventually("/api/topics/" + topicId + "/progress", "dept-07", Map.of("percent", 10, "note", "冒名"))
                .status()).as("not on the team").isEqualTo(403);
        assertThat(api.postEventually("/api/topics/" + topicId + "/resolution", "dept-06", Map.of("summary", "代交"))
                .status()).as("a co-claimant is not the lead").isEqualTo(403);
        board.submit(topicId, "dept-05");
        assertThat(api.post("/api/topics/" + topicId + "/resolution/accept", "dept-05", null).status())
                .as("the lead does not judge its own work").isEqualTo(403);
        assertThat(api.post("/api/topics/" + topicId + "/assign", "dept-05", Map.of("orgId", "dept-05")).status())
                .as("assignment is the coordinator's").isEqualTo(403);
        board.accept(topicId, "street-03");
        JsonNode timeline = api.get("/api/topics/" + topicId + "/timeline", "analyst").expect(200).body();
        JsonNode accepted = null;
        for (JsonNode entry : timeline) {
            if (entry.get("type").asString().equals("ResolutionAccepted")) {
                accepted = entry;
            }
        }
        assertThat(accepted).isNotNull();
        assertThat(accepted.get("actorUserId").asString()).isEqualTo("street-03");
        assertThat(accepted.get("actorOrgId").asString()).isEqualTo("street-03");
    }

    @Test
    void evaluationLinksWorkOnceAndExpire() {
        String batchId = api.createOpenBatch("评议批次");
        String topicId = board.postAndPublish("street-05", batchId, "评议链接", "FIRST_COME", 0, 30);
        board.claimAndAwait(topicId, "dept-08");
        board.submit(topicId, "dept-08");
        board.accept(topicId, "street-05");
        JsonNode links = api.post("/api/topics/" + topicId + "/evaluation-links", "street-05", Map.of("count", 2)).expect(201)
                .body().get("links");
        String once = links.get(0).get("token").asString();
        String late = links.get(1).get("token").asString();
        assertThat(java.util.Base64.getUrlDecoder().decode(once)).hasSizeGreaterThanOrEqualTo(16);
        api.post("/api/evaluations/" + once, null, Map.of("verdict", "SATISFIED")).expect(201);
        assertThat(api.post("/api/evaluations/" + once, null, Map.of("verdict", "DISSATISFIED")).type()).endsWith("/link-used");
        assertThat(stores.collection(ServiceSpec.RESOLUTION, "evaluation_links").find(new Document("_id", once)).first())
                .as("tokens are stored only as hashes").isNull();
        api.advanceClocks(Duration.ofDays(8));
        assertThat(api.post("/api/evaluations/" + late, null, Map.of("verdict", "SATISFIED")).status()).isEqualTo(409);
    }

    @Test
    void bodiesAreLimitedHeadersAreStrictAndCorsIsClosed() throws Exception {
        Api.Response tooLarge = api.send("POST", "/api/topics", api.token("street-01"), "{\"title\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RunningStack.get().consoleUrl() + "/api/orgs"))
                .header("Authorization", "Bearer " + api.token("street-01")).header("Origin", "https://evil.example").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RunningStack.get().consoleUrl() + "/api/topics"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static Path signingKeyFile() {
        return RunningStack.get().dataDir().resolve("keys").resolve("jwt-signing-key.json");
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
