package io.jiebang.console.web;

import io.jiebang.events.Actor;
import io.jiebang.platform.deadletter.DeadLetter;
import io.jiebang.platform.deadletter.DeadLetterController;
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
 * The console's own dead letters (what its read model could not take), beside the services' that the gateway
 * forwards ({@code io.jiebang.console.gateway.DeadLetterRoutes}): {@code /api/dead-letters/console…}.
 */
@RestController
@RequestMapping("/api/dead-letters/console")
public class ConsoleDeadLetterController {

    private final DeadLetterController own;

    public ConsoleDeadLetterController(DeadLetterController own) {
        this.own = own;
    }

    @GetMapping
    public Flux<DeadLetter> list(Actor actor, @RequestParam(required = false) String status) {
        return own.list(actor, status);
    }

    @PostMapping("/{id}/replay")
    public Mono<DeadLetter> replay(Actor actor, @PathVariable String id) {
        return own.replay(actor, id);
    }

    @PostMapping("/{id}/discard")
    public Mono<DeadLetter> discard(Actor actor, @PathVariable String id, @RequestBody DeadLetterController.DiscardRequest request) {
        return own.discard(actor, id, request);
    }
}
