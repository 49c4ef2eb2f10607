package io.jiebang.console.web;

import io.jiebang.console.application.Attachments;
import io.jiebang.console.application.BoardQueries;
import io.jiebang.console.application.ReadModel;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import io.jiebang.console.web.Spreadsheets.Heading;
import io.jiebang.events.Actor;
import io.jiebang.events.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * The topic list as CSV or Excel, with the board's filters; names of organisations and categories in the asked language,
 * and each topic's attachments as links (one a line).
 */
@RestController
public class TopicExportController {

    /** A download holds at most this many topics; narrow the filters for more. */
    static final int MAX_TOPICS = 10_000;

    private static final List<Heading> HEADINGS = List.of(new Heading("编号", "Id"), new Heading("批次", "Batch"),
            new Heading("标题", "Title"), new Heading("状态", "State"), new Heading("方向", "Direction"),
            new Heading("类别", "Category"), new Heading("出题单位", "Posted by"), new Heading("牵头单位", "Lead"),
            new Heading("协同单位", "Co-claimants"), new Heading("优先级", "Priority"), new Heading("完成时限", "Due date"),
            new Heading("进度（%）", "Progress (%)"), new Heading("轮次", "Round"), new Heading("发布时间", "Published"),
            new Heading("最近更新", "Updated"), new Heading("销号", "Resolution"), new Heading("按期", "On time"),
            new Heading("满意", "Satisfied"), new Heading("基本满意", "Basically satisfied"), new Heading("不满意", "Dissatisfied"),
            new Heading("附件", "Attachments"));

    private final BoardQueries board;
    private final Attachments attachments;

    public TopicExportController(BoardQueries board, Attachments attachments) {
        this.board = board;
        this.attachments = attachments;
    }

    @GetMapping("/api/topics/export")
    public Mono<ResponseEntity<byte[]>> export(@RequestParam(required = false) String batch,
                                               @RequestParam(required = false) TopicStatus status,
                                               @RequestParam(required = false) Direction direction,
                                               @RequestParam(required = false) String org,
                                               @RequestParam(required = false) String category,
                                               @RequestParam(required = false) String q,
                                               @RequestHeader HttpHeaders headers, Actor reader,
                                               ServerHttpRequest request) {
        Locale language = Spreadsheets.language(headers);
        Mono<List<Tuple2<TopicView, List<String>>>> topics = board.topics(page(batch, status, direction, org, category, q, 0), reader)
                .expand(page -> (page.page() + 1L) * page.size() < Math.min(page.total(), MAX_TOPICS)
                        ? board.topics(page(batch, status, direction, org, category, q, page.page() + 1), reader) : Mono.empty())
                .flatMapIterable(ReadModel.Page::items)
                .take(MAX_TOPICS)
                // Each topic's attachments, as links a reader of the file opens with the console's address.
                .flatMapSequential(topic -> attachments.ofTopic(topic.id())
                        .map(file -> request.getURI().resolve(file.url()).toString()).collectList()
                        .map(links -> Tuples.of(topic, links)), 8)
                .collectList();
        return Mono.zip(topics, ExportNames.load(board, language)).map(all -> {
            List<List<Object>> rows = all.getT1().stream().map(topic -> row(topic.getT1(), topic.getT2(), all.getT2())).toList();
            return Spreadsheets.download(headers, "topics",
                    List.of(new Spreadsheets.Table(new Heading("榜单", "Topics"), HEADINGS, rows)));
        });
    }

    private static TopicQuery page(String batch, TopicStatus status, Direction direction, String org, String category,
                                   String text, int page) {
        return new TopicQuery(batch, status, direction, org, category, text, page, TopicQuery.MAX_SIZE);
    }

    /** One topic as a row under HEADINGS. */
    private static List<Object> row(TopicView topic, List<String> attachmentLinks, ExportNames names) {
        List<Object> cells = new ArrayList<>(Arrays.asList(topic.id(), topic.batchId(), topic.title(),
                topic.status().name(), topic.direction().name(), names.category(topic.category()),
                names.org(topic.posterOrgId()), names.org(topic.leadOrgId()),
                topic.coClaimantOrgIds().stream().map(names::org).collect(Collectors.joining("; ")),
                topic.priority().name(), text(topic.dueDate()), topic.progressPercent(), topic.round(),
                text(topic.publishedAt()), text(topic.updatedAt())));
        cells.add(value(topic.resolution(), TopicView.Resolution::status));
        cells.add(value(topic.resolution(), resolution -> text(resolution.onTime())));
        cells.add(value(topic.evaluation(), TopicView.Evaluation::satisfied));
        cells.add(value(topic.evaluation(), TopicView.Evaluation::basicallySatisfied));
        cells.add(value(topic.evaluation(), TopicView.Evaluation::dissatisfied));
        cells.add(attachmentLinks.isEmpty() ? null : String.join("\n", attachmentLinks));
        return cells;
    }

    private static Object text(Object value) {
        return value == null ? null : value.toString();
    }

    private static <T> Object value(T part, Function<T, Object> field) {
        return part == null ? null : field.apply(part);
    }
}
