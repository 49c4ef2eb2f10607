package io.jiebang.platform.deadletter;

import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operator's API of every service's dead letters, for coordinators only (403 otherwise):
 * {@code GET /api/dead-letters[?status=DEAD|REPLAYED|DISCARDED]}, {@code POST /api/dead-letters/{id}/replay},
 * {@code POST /api/dead-letters/{id}/discard} with {@code {"reason": "…"}}. The console's gateway reaches them as
 * {@code /api/dead-letters/{service}…}.
 */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private static final Set<String> STATUSES = Set.of(DeadLetter.DEAD, DeadLetter.REPLAYED, DeadLetter.DISCARDED);

    private final DeadLetterOperations operations;

    public DeadLetterController(DeadLetterOperations operations) {
        this.operations = operations;
    }

    /** What a discard carries: why. */
    public record DiscardRequest(String reason) {
    }

    @GetMapping
    public Flux<DeadLetter> list(Actor actor, @RequestParam(required = false) String status) {
        String wanted = status == null || status.isBlank() || status.equalsIgnoreCase("ALL") ? null : status.toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            return Flux.error(Rejection.invalid("status", "dead-letter-status-unknown",
                    "status is one of DEAD, REPLAYED, DISCARDED or ALL, not {0}", status));
        }
        return operations.list(actor, wanted);
    }

    @PostMapping("/{id}/replay")
    public Mono<DeadLetter> replay(Actor actor, @PathVariable String id) {
        return operations.replay(actor, id);
    }

    @PostMapping("/{id}/discard")
    public Mono<DeadLetter> discard(Actor actor, @PathVariable String id, @RequestBody DiscardRequest request) {
        return operations.discard(actor, id, request.reason());
    }
}
