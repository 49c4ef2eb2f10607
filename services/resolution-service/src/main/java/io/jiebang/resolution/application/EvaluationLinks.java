package io.jiebang.resolution.application;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/** Where one-time evaluation links are kept: only a hash of each token, never the token itself. */
public interface EvaluationLinks {

    record Link(String tokenHash, String topicId, int round, Instant expiresAt) {
    }

    Mono<Void> store(List<Link> links);

    Mono<Link> find(String tokenHash);
}
