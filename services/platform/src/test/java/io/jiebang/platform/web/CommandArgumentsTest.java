package io.jiebang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.problem.ProblemDetailsAdvice;
import io.jiebang.platform.problem.ProblemMessages;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** A handler's CommandMeta comes from the request itself: caller, Idempotency-Key, and the fingerprint of path and body. */
class CommandArgumentsTest {

    static final Actor CALLER = new Actor("u-1", "org-1", Actor.Role.STAFF);
    static final CommandRequests REQUESTS = new CommandRequests(JsonMapper.builder().build());

    record Note(@NotBlank String text, int count) {
    }

    record Asked(String fingerprint, String dedupKey, String userId, Note note) {
    }

    @RestController
    static class Commands {

        @PostMapping("/things/{id}/notes")
        Mono<Asked> note(CommandMeta meta, @PathVariable String id, @Valid @CommandBody Note note) {
            return Mono.just(asked(meta, note));
        }

        @PostMapping("/things/{id}/remarks")
        Mono<Asked> remark(CommandMeta meta, @PathVariable String id, @Valid @CommandBody(required = false) Note note) {
            return Mono.just(asked(meta, note));
        }

        @PostMapping("/things/{id}/open")
        Mono<Asked> open(@PathVariable String id, CommandMeta meta) {
            return Mono.just(asked(meta, null));
        }

        @PostMapping("/things/{id}/mixed")
        Mono<Asked> mixed(CommandMeta meta, @RequestBody Note note) {
            return Mono.just(asked(meta, note));
        }

        private static Asked asked(CommandMeta meta, Note note) {
            return new Asked(meta.fingerprint(), meta.dedupKey(), meta.actor().userId(), note);
        }
    }

    private final WebTestClient client = WebTestClient.bindToController(new Commands())
            .controllerAdvice(new ProblemDetailsAdvice(new ProblemMessages(new StaticMessageSource())))
            .argumentResolvers(resolvers -> resolvers.addCustomResolver(
                    new CommandArgumentResolver(ServerCodecConfigurer.create().getReaders(), REQUESTS)))
            .webFilter((exchange, chain) -> chain.filter(exchange.mutate().principal(Mono.just(token())).build()))
            .build();

    @Test
    void theFingerprintIsThatOfThePathAndTheBodyAsRead() {
        Asked asked = post("/things/t-1/notes", "k-1", "{\"text\":\"hello\",\"count\":2}");
        assertThat(asked.note()).isEqualTo(new Note("hello", 2));
        assertThat(asked.userId()).isEqualTo("u-1");
        assertThat(asked.dedupKey()).isEqualTo("cmd:u-1:k-1");
        assertThat(asked.fingerprint())
                .isEqualTo(REQUESTS.meta(CALLER, "k-1", "/things/t-1/notes", new Note("hello", 2)).fingerprint());
    }

    @Test
    void theSameRequestWrittenDifferentlyIsTheSameRequest() {
        assertThat(post("/things/t-1/notes", "k-1", "{ \"count\": 2, \"text\": \"hello\" }").fingerprint())
                .isEqualTo(post("/things/t-1/notes", "k-1", "{\"text\":\"hello\",\"count\":2}").fingerprint());
    }

    @Test
    void anotherBodyOrPathIsAnotherRequest() {
        String first = post("/things/t-1/notes", "k-1", "{\"text\":\"hello\",\"count\":2}").fingerprint();
        assertThat(post("/things/t-1/notes", "k-1", "{\"text\":\"hello\",\"count\":3}").fingerprint()).isNotEqualTo(first);
        assertThat(post("/things/t-2/notes", "k-1", "{\"text\":\"hello\",\"count\":2}").fingerprint()).isNotEqualTo(first);
    }

    @Test
    void withoutABodyOnlyThePathCounts() {
        assertThat(post("/things/t-1/open", "k-1", null).fingerprint())
                .isEqualTo(REQUESTS.meta(CALLER, "k-1", "/things/t-1/open", null).fingerprint());
        assertThat(post("/things/t-1/remarks", "k-1", null).fingerprint())
                .isEqualTo(REQUESTS.meta(CALLER, "k-1", "/things/t-1/remarks", null).fingerprint());
        assertThat(post("/things/t-1/remarks", null, "{\"text\":\"hi\",\"count\":1}").note()).isEqualTo(new Note("hi", 1));
    }

    @Test
    void withoutAKeyThereIsNothingToDeduplicate() {
        assertThat(post("/things/t-1/open", null, null).dedupKey()).isNull();
    }

    @Test
    void theBodyIsValidatedAndRequiredAsARequestBodyIs() {
        client.post().uri("/things/t-1/notes").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\" \",\"count\":1}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo("text");
        client.post().uri("/things/t-1/notes").contentType(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void aBadKeyIsRefused() {
        client.post().uri("/things/t-1/open").header(CommandRequests.IDEMPOTENCY_KEY, " ")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://jiebang.io/problems/idempotency-key-length");
    }

    @Test
    void aRequestBodyBesideCommandMetaIsAMistake() {
        client.post().uri("/things/t-1/mixed").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"x\",\"count\":1}")
                .exchange().expectStatus().is5xxServerError();
    }

    private Asked post(String path, String key, String json) {
        WebTestClient.RequestBodySpec request = client.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request.header(CommandRequests.IDEMPOTENCY_KEY, key);
        }
        return (json == null ? request : request.bodyValue(json)).exchange().expectStatus().isOk()
                .expectBody(Asked.class).returnResult().getResponseBody();
    }

    private static JwtAuthenticationToken token() {
        return new JwtAuthenticationToken(Jwt.withTokenValue("t").header("alg", "none").subject(CALLER.userId())
                .claims(claims -> claims.putAll(Map.of("org", CALLER.orgId(), "roles", List.of("STAFF")))).build());
    }
}
