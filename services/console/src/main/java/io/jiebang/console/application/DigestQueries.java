package io.jiebang.console.application;

import io.jiebang.console.readmodel.DigestView;
import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The digests of a batch's reporting periods (定期调度通报): the coordinator's, as the live dispatch report is
 * (docs/security.md). The console answers them from its own store, so it checks the reader itself, with the same
 * refusal dispatch-service gives for the live report.
 */
@Service
public class DigestQueries {

    private final Digests digests;
    private final BoardQueries board;

    public DigestQueries(Digests digests, BoardQueries board) {
        this.digests = digests;
        this.board = board;
    }

    /** The batch's digests, newest period first, with which parts are recorded. */
    public Flux<DigestView.Summary> digests(String batchId, Actor reader) {
        return coordinator(reader).then(board.requireReadableBatch(batchId, reader))
                .thenMany(digests.digests(batchId).map(DigestView::summary));
    }

    public Mono<DigestView> digest(String batchId, int period, Actor reader) {
        return coordinator(reader).then(board.requireReadableBatch(batchId, reader)).then(digests.digest(batchId, period))
                .switchIfEmpty(Mono.error(() -> Rejection.notFound("digest-not-found", "no digest of period {0} of batch {1}",
                        period, batchId)));
    }

    private static Mono<Void> coordinator(Actor reader) {
        return reader != null && reader.isCoordinator() ? Mono.empty()
                : Mono.error(Rejection.forbidden("coordinator-only-report", "only the coordinator reads the dispatch report"));
    }
}
