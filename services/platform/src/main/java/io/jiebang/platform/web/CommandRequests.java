package io.jiebang.platform.web;

import io.jiebang.events.Actor;
import io.jiebang.platform.Sha256;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Outcome;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.eventstore.Answer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns HTTP commands into {@link CommandMeta} (with the {@code Idempotency-Key}; handlers take it as a parameter,
 * see {@link CommandArgumentResolver}) and command outcomes into answers: the first answer again for a repeat,
 * marked {@code Idempotent-Replayed: true}.
 */
public class CommandRequests {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final JsonMapper json;

    public CommandRequests(JsonMapper json) {
        this.json = json;
    }

    /** The same key with another path or body is another request: the fingerprint tells them apart. */
    CommandMeta meta(Actor actor, String idempotencyKey, String path, Object request) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw Rejection.invalid(IDEMPOTENCY_KEY, "idempotency-key-length", "an Idempotency-Key has 1 to {0} characters",
                    MAX_KEY_LENGTH);
        }
        String fingerprint = Sha256.hex(path + "\n" + (request == null ? "" : json.writeValueAsString(request)));
        return CommandMeta.command(actor, idempotencyKey, fingerprint);
    }

    public Mono<ResponseEntity<String>> respond(Mono<Outcome> outcome) {
        return outcome.map(result -> {
            Answer answer = result.answer();
            ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                    .contentType(MediaType.APPLICATION_JSON);
            if (answer.location() != null) {
                response.header("Location", answer.location());
            }
            if (result.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.body(answer.body());
        });
    }
}
