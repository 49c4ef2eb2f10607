package io.jiebang.resolution.web;

import io.jiebang.events.Actor;
import io.jiebang.events.Verdict;
import io.jiebang.events.resolution.AppealDecided;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.security.JwtActors;
import io.jiebang.platform.web.CommandBody;
import io.jiebang.platform.web.CommandRequests;
import io.jiebang.resolution.application.BoardStandings;
import io.jiebang.resolution.application.ResolutionUseCases;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
public class ResolutionController {

    private final ResolutionUseCases resolutions;
    private final BoardStandings standings;
    private final CommandRequests requests;

    public ResolutionController(ResolutionUseCases resolutions, BoardStandings standings, CommandRequests requests) {
        this.resolutions = resolutions;
        this.standings = standings;
        this.requests = requests;
    }

    public record SubmitRequest(@NotBlank @Size(max = 5000) String summary, @Size(max = 5000) String evidence) {
    }

    public record RejectRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    public record LinksRequest(@NotNull @Min(1) @Max(200) Integer count) {
    }

    public record VoteRequest(@NotNull Verdict verdict, @Size(max = 2000) String comment) {
    }

    public record AppealRequest(@NotBlank @Size(max = 2000) String reason, @Size(max = 5000) String evidence) {
    }

    public record AppealRulingRequest(@NotNull AppealDecided.Ruling ruling, @NotBlank @Size(max = 2000) String reason) {
    }

    /** Optional; a coordinator closing before the quorum or the minimum window must give a reason. */
    public record CloseRequest(@Size(max = 2000) String reason) {
    }

    @PostMapping("/api/topics/{topicId}/resolution")
    public Mono<ResponseEntity<String>> submit(CommandMeta meta, @PathVariable String topicId,
                                               @Valid @CommandBody SubmitRequest request) {
        return requests.respond(resolutions.submit(meta, topicId, request.summary(), request.evidence()));
    }

    @PostMapping("/api/topics/{topicId}/resolution/accept")
    public Mono<ResponseEntity<String>> accept(CommandMeta meta, @PathVariable String topicId) {
        return requests.respond(resolutions.accept(meta, topicId));
    }

    @PostMapping("/api/topics/{topicId}/resolution/reject")
    public Mono<ResponseEntity<String>> reject(CommandMeta meta, @PathVariable String topicId,
                                               @Valid @CommandBody RejectRequest request) {
        return requests.respond(resolutions.reject(meta, topicId, request.reason()));
    }

    @PostMapping("/api/topics/{topicId}/appeals")
    public Mono<ResponseEntity<String>> appeal(CommandMeta meta, @PathVariable String topicId,
                                               @Valid @CommandBody AppealRequest request) {
        return requests.respond(resolutions.appeal(meta, topicId, request.reason(), request.evidence()));
    }

    @PostMapping("/api/topics/{topicId}/appeals/{appealId}/decision")
    public Mono<ResponseEntity<String>> decideAppeal(CommandMeta meta, @PathVariable String topicId,
                                                     @PathVariable String appealId,
                                                     @Valid @CommandBody AppealRulingRequest request) {
        return requests.respond(resolutions.decideAppeal(meta, topicId, appealId, request.ruling(), request.reason()));
    }

    @PostMapping("/api/topics/{topicId}/evaluation-links")
    public Mono<ResponseEntity<String>> links(CommandMeta meta, @PathVariable String topicId,
                                              @Valid @CommandBody LinksRequest request) {
        return requests.respond(resolutions.issueLinks(meta, topicId, request.count()));
    }

    /**
     * Public: the token is the credential, and it works once. A bearer token, when sent, says who votes: a member of
     * the poster's staff casts the poster's own vote (once per round).
     */
    @PostMapping("/api/evaluations/{token}")
    public Mono<ResponseEntity<String>> vote(@PathVariable String token, @Valid @RequestBody VoteRequest request,
                                             ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> Optional.of(JwtActors.toActor(((JwtAuthenticationToken) principal).getToken())))
                .defaultIfEmpty(Optional.empty())
                .flatMap(voter -> requests.respond(resolutions.vote(token, request.verdict(), request.comment(),
                        voter.orElse(null))));
    }

    @PostMapping("/api/topics/{topicId}/evaluation/close")
    public Mono<ResponseEntity<String>> close(CommandMeta meta, @PathVariable String topicId,
                                              @Valid @CommandBody(required = false) CloseRequest request) {
        return requests.respond(resolutions.closeEvaluation(meta, topicId, request == null ? null : request.reason()));
    }

    @GetMapping("/api/batches/{batchId}/stats")
    public Mono<BoardStandings.Stats> stats(@PathVariable String batchId, Actor reader) {
        return standings.readable(reader, batchId).then(standings.stats(batchId));
    }

    @GetMapping("/api/batches/{batchId}/stats/history")
    public Mono<BoardStandings.History> history(@PathVariable String batchId,
                                                @org.springframework.web.bind.annotation.RequestParam(defaultValue = "12") int points,
                                                Actor reader) {
        return standings.readable(reader, batchId).then(standings.history(batchId, points));
    }

    @GetMapping("/api/batches/{batchId}/leaderboard")
    public Mono<BoardStandings.Standings> leaderboard(@PathVariable String batchId, Actor reader) {
        return standings.readable(reader, batchId).then(standings.leaderboard(batchId));
    }

    /** The rates of each district the reader may read (every district for the city level), side by side. */
    @GetMapping("/api/districts/stats")
    public Mono<BoardStandings.DistrictComparison> districts(Actor reader) {
        return standings.districts(reader);
    }
}
