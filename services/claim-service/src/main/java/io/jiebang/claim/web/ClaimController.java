package io.jiebang.claim.web;

import io.jiebang.claim.application.ClaimUseCases;
import io.jiebang.claim.domain.ClaimRequest;
import io.jiebang.events.Actor;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
    public Mono<ResponseEntity<String>> claim(Actor actor, @PathVariable String topicId,
                                              @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key,
                                              @Valid @RequestBody ClaimTopicRequest request) {
        return requests.respond(claims.claim(requests.meta(actor, key, "/api/topics/" + topicId + "/claims", request),
                topicId, request.toRequest()));
    }

    @PostMapping("/api/topics/{topicId}/claims/{claimId}/award")
    public Mono<ResponseEntity<String>> award(Actor actor, @PathVariable String topicId, @PathVariable String claimId,
                                              @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key) {
        String path = "/api/topics/" + topicId + "/claims/" + claimId + "/award";
        return requests.respond(claims.award(requests.meta(actor, key, path, null), topicId, claimId));
    }

    @PostMapping("/api/topics/{topicId}/claims/{claimId}/withdraw")
    public Mono<ResponseEntity<String>> withdrawClaim(Actor actor, @PathVariable String topicId, @PathVariable String claimId,
                                                      @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key,
                                                      @Valid @RequestBody(required = false) ReasonRequest request) {
        String path = "/api/topics/" + topicId + "/claims/" + claimId + "/withdraw";
        return requests.respond(claims.withdrawClaim(requests.meta(actor, key, path, request), topicId, claimId,
                request == null ? null : request.reason()));
    }

    @PostMapping("/api/topics/{topicId}/withdraw")
    public Mono<ResponseEntity<String>> withdrawTopic(Actor actor, @PathVariable String topicId,
                                                      @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key,
                                                      @Valid @RequestBody(required = false) ReasonRequest request) {
        return requests.respond(claims.withdrawTopic(requests.meta(actor, key, "/api/topics/" + topicId + "/withdraw", request),
                topicId, request == null ? null : request.reason()));
    }

    @PostMapping("/api/topics/{topicId}/assign")
    public Mono<ResponseEntity<String>> assign(Actor actor, @PathVariable String topicId,
                                               @RequestHeader(name = CommandRequests.IDEMPOTENCY_KEY, required = false) String key,
                                               @Valid @RequestBody AssignRequest request) {
        return requests.respond(claims.assign(requests.meta(actor, key, "/api/topics/" + topicId + "/assign", request),
                topicId, request.orgId(), request.committedDate() == null ? null : request.committedDate().toInstant()));
    }
}
