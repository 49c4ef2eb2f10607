package io.jiebang.console.web;

import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.ReadModel;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.BatchView;
import io.jiebang.console.readmodel.CategoryView;
import io.jiebang.console.readmodel.DistrictView;
import io.jiebang.console.readmodel.OrgView;
import io.jiebang.console.readmodel.TimelineEntry;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.events.Actor;
import io.jiebang.events.Direction;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Queries answered from the board's read model. */
@RestController
public class BoardController {

    private final BoardQueries board;

    public BoardController(BoardQueries board) {
        this.board = board;
    }

    @GetMapping("/api/orgs")
    public Flux<OrgView> orgs(@RequestParam(required = false) String district, Actor reader) {
        return board.orgs(reader, district);
    }

    /** The deployment's districts (tenants): their names are no secret. */
    @GetMapping("/api/districts")
    public Flux<DistrictView> districts() {
        return board.districts();
    }

    @GetMapping("/api/categories")
    public Flux<CategoryView> categories() {
        return board.categories();
    }

    @GetMapping("/api/batches")
    public Flux<BatchView> batches(@RequestParam(required = false) String district, Actor reader) {
        return board.batches(reader, district);
    }

    @GetMapping("/api/batches/{id}")
    public Mono<BatchView> batch(@PathVariable String id, Actor reader) {
        return board.batch(id, reader);
    }

    @GetMapping("/api/topics")
    public Mono<ReadModel.Page<TopicView>> topics(@RequestParam(required = false) String batch,
                                                  @RequestParam(required = false) TopicStatus status,
                                                  @RequestParam(required = false) Direction direction,
                                                  @RequestParam(required = false) String org,
                                                  @RequestParam(required = false) String category,
                                                  @RequestParam(required = false) String q,
                                                  @RequestParam(defaultValue = "0") int page,
                                                  @RequestParam(defaultValue = "50") int size,
                                                  @RequestParam(required = false) String district, Actor reader) {
        return board.topics(new TopicQuery(batch, status, direction, org, category, q, page, size)
                .inDistrict(district), reader);
    }

    @GetMapping("/api/topics/similar")
    public Flux<BoardQueries.Suggestion> similar(@RequestParam(required = false) String text,
                                                 @RequestParam(defaultValue = "5") int limit, Actor reader) {
        return board.similarSolved(text, limit, reader);
    }

    @GetMapping("/api/topics/{id}")
    public Mono<TopicView> topic(@PathVariable String id, Actor reader) {
        return board.topic(id, reader);
    }

    @GetMapping("/api/topics/{id}/timeline")
    public Mono<List<TimelineEntry>> timeline(@PathVariable String id, Actor reader) {
        return board.timeline(id, reader);
    }

    @GetMapping("/api/escalations")
    public Flux<BoardQueries.OpenEscalation> escalations(@RequestParam(required = false) String batch,
                                                        @RequestParam(required = false) Integer level,
                                                        @RequestParam(required = false) String district, Actor reader) {
        return board.escalations(batch, level, reader, district);
    }
}
