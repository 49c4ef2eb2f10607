package io.jiebang.claim.web;

import io.jiebang.claim.application.ClaimUseCases;
import io.jiebang.claim.domain.ClaimRequest;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.web.CommandBody;
import io.jiebang.platform.web.CommandRequests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class ClaimController {

    private final ClaimUseCases claims;
    private final CommandRequests requests;

    public ClaimController(ClaimUseCases claims, CommandRequests requests) {
        this.claims = claims;
        this.requests = requests;
    }

    public record ClaimTopicRequest(@Size(max = 10) List<@NotBlank @Size(max = 64) String> coClaimantOrgIds,
                                    @NotBlank @Size(max = 5000) String plan,
                                    @NotNull OffsetDateTime committedDate) {

        ClaimRequest toRequest() {
            return new ClaimRequest(coClaimantOrgIds == null ? List.of() : coClaimantOrgIds, plan, committedDate.toInstant());
        }
    }

    public record ReasonRequest(@Size(max = 1000) String reason) {
    }

    public record AssignRequest(@NotBlank @Size(max = 64) String orgId, OffsetDateTime committedDate) {
    }

    @PostMapping("/api/topics/{topicId}/claims")
    public Mono<ResponseEntity<String>> claim(CommandMeta meta, @PathVariable String topicId,
                                              @Valid @CommandBody ClaimTopicRequest request) {
        return requests.respond(claims.claim(meta, topicId, request.toRequest()));
    }

    @PostMapping("/api/topics/{topicId}/claims/{claimId}/award")
    public Mono<ResponseEntity<String>> award(CommandMeta meta, @PathVariable String topicId, @PathVariable String claimId) {
        return requests.respond(claims.award(meta, topicId, claimId));
    }

    @PostMapping("/api/topics/{topicId}/claims/{claimId}/withdraw")
    public Mono<ResponseEntity<String>> withdrawClaim(CommandMeta meta, @PathVariable String topicId, @PathVariable String claimId,
                                                      @Valid @CommandBody(required = false) ReasonRequest request) {
        return requests.respond(claims.withdrawClaim(meta, topicId, claimId, request == null ? null : request.reason()));
    }

    @PostMapping("/api/topics/{topicId}/claims/{claimId}/accept-place")
    public Mono<ResponseEntity<String>> acceptPlace(CommandMeta meta, @PathVariable String topicId, @PathVariable String claimId) {
        return requests.respond(claims.answerPlace(meta, topicId, claimId, true));
    }

    @PostMapping("/api/topics/{topicId}/claims/{claimId}/decline-place")
    public Mono<ResponseEntity<String>> declinePlace(CommandMeta meta, @PathVariable String topicId, @PathVariable String claimId) {
        return requests.respond(claims.answerPlace(meta, topicId, claimId, false));
    }

    @PostMapping("/api/topics/{topicId}/withdraw")
    public Mono<ResponseEntity<String>> withdrawTopic(CommandMeta meta, @PathVariable String topicId,
                                                      @Valid @CommandBody(required = false) ReasonRequest request) {
        return requests.respond(claims.withdrawTopic(meta, topicId, request == null ? null : request.reason()));
    }

    @PostMapping("/api/topics/{topicId}/assign")
    public Mono<ResponseEntity<String>> assign(CommandMeta meta, @PathVariable String topicId,
                                               @Valid @CommandBody AssignRequest request) {
        return requests.respond(claims.assign(meta, topicId, request.orgId(),
                request.committedDate() == null ? null : request.committedDate().toInstant()));
    }
}
