package io.jiebang.console.application;

import io.jiebang.console.readmodel.BatchView;
import io.jiebang.events.ClaimMode;
import io.jiebang.events.Priority;
import io.jiebang.platform.domain.Rejection;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Open311 service requests from street systems: a street's problem in a few words, drafted and published at once
 * as the calling street's topic. What a request does not say, the board's defaults say.
 */
@Service
public class ServiceRequests {

    static final int MAX_DESCRIPTION = 5000;
    /** Without a title, the description's start is the title. */
    static final int TITLE_FROM_DESCRIPTION = 50;
    /** A street system names no co-claimants; departments may still claim in a small group. */
    static final int MAX_CO_CLAIMANTS = 2;

    /**
     * @param address where, or null
     * @param batchId the batch, or null for the first open one
     * @param title the title, or null
     */
    public record NewServiceRequest(String serviceCode, String description, String address, String batchId,
                                    String title) {
    }

    private final BoardQueries board;
    private final TopicCommands topics;

    public ServiceRequests(BoardQueries board, TopicCommands topics) {
        this.board = board;
        this.topics = topics;
    }

    /** The published topic's id. */
    public Mono<String> create(Caller caller, NewServiceRequest request) {
        String description = request.description();
        if (description.length() > MAX_DESCRIPTION) {
            return Mono.error(Rejection.invalid("description", "description-too-long",
                    "a description has at most 5000 characters"));
        }
        String code = request.serviceCode();
        return board.categories().any(c -> c.code().equals(code))
                .flatMap(known -> known ? batch(request.batchId())
                        : Mono.error(Rejection.invalid("service_code", "unknown-service", "there is no service {0}", code)))
                .flatMap(batch -> topics.post(caller, new TopicCommands.NewTopic(batch.id(), title(request), description,
                        code, description, batch.dueDate(), Priority.NORMAL,
                        request.address() == null ? "" : request.address(), ClaimMode.FIRST_COME, MAX_CO_CLAIMANTS)))
                .flatMap(id -> topics.publish(caller, id).thenReturn(id));
    }

    private static String title(NewServiceRequest request) {
        String description = request.description();
        return request.title() != null ? request.title()
                : description.substring(0, Math.min(description.length(), TITLE_FROM_DESCRIPTION));
    }

    private Mono<BatchView> batch(String batchId) {
        if (batchId != null) {
            return board.batch(batchId);
        }
        return board.batches().filter(b -> "OPEN".equals(b.state())).next()
                .switchIfEmpty(Mono.error(Rejection.conflict("no-open-batch", "no batch is open for topics")));
    }
}
