package io.jiebang.console.persistence;

import io.jiebang.console.application.ServiceRequestQuery;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.TopicStatus;
import io.jiebang.console.readmodel.TopicView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The board's topic list as a Lucene index on local disk: filters, the newest-first order, paging and the
 * total, without reading every topic document (the embedded store scans for any filter but {@code _id}).
 * It holds ids and the fields filtered on; the views themselves are then read by {@code _id}.
 * <p>
 * Titles and descriptions are also indexed as words, segmented by smartcn (Chinese has no spaces between words),
 * and as character pairs: a search with text finds the topics with all its words and ranks them by relevance (BM25), and {@link #similarSolved}
 * finds the solved topics most like a new one's text.
 * <p>
 * Derived from the read model and rebuilt from it when it cannot be trusted: at start unless the last run
 * closed it cleanly (a crash may have lost its newest changes), and whenever the read model starts over.
 */
final class LuceneTopicIndex implements AutoCloseable {

    private static final String CLEAN = "closed-cleanly";
    /**
     * A topic's title and description, each as words (smartcn's segmentation) and as overlapping pairs of characters
     * (bigrams): smartcn does not always cut the same phrase alike (路灯 alone, but 路|灯|不|亮 in 路灯不亮), and the
     * pairs still meet where the words do not. Title and description are fields apart, each scored against its own
     * length (a title weighing more than that lowered precision on the labelled set, SuggestionQualityTest).
     */
    private record Words(String field, boolean title, boolean bigrams) {
    }

    private static final List<Words> WORDS = List.of(new Words("title-words", true, false), new Words("body-words", false, false),
            new Words("title-bigrams", true, true), new Words("body-bigrams", false, true));
    /** The most distinct words of a text a query asks for: a long description is cut there. */
    private static final int MAX_QUERY_WORDS = 64;
    /** Solved: the resolution was accepted (and evaluated or not). */
    private static final List<TopicStatus> SOLVED = List.of(TopicStatus.RESOLVED, TopicStatus.CLOSED, TopicStatus.CLOSED_UNRATED);
    private static final String POSITION = "changes-position";
    private static final int MAX_TEXT_CHARS = 8_000;

    private final Path directory;
    private final Analyzer segmenter = new SmartChineseAnalyzer();
    private final Analyzer bigrams = new CJKAnalyzer();
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(segmenter, WORDS.stream().filter(Words::bigrams)
            .collect(java.util.stream.Collectors.toMap(Words::field, words -> bigrams)));
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean uncommitted = new AtomicBoolean();
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "topic-index-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final boolean trusted;
    /** How far the board-change feed has been taken in (-1: not at all); kept with each commit. */
    private final java.util.concurrent.atomic.AtomicLong position = new java.util.concurrent.atomic.AtomicLong(-1);

    LuceneTopicIndex(Path directory) {
        try {
            Files.createDirectories(directory);
            this.directory = directory;
            Path clean = directory.resolve(CLEAN);
            this.trusted = Files.deleteIfExists(clean);
            this.writer = new IndexWriter(FSDirectory.open(directory.resolve("index")),
                    new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            this.searchers = new SearcherManager(writer, null);
            Iterable<java.util.Map.Entry<String, String>> committed = writer.getLiveCommitData();
            if (committed != null) {
                committed.forEach(entry -> {
                    if (entry.getKey().equals(POSITION)) {
                        position.set(Long.parseLong(entry.getValue()));
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Durable every few seconds; what a crash loses in between is rebuilt at the next start.
        committer.scheduleWithFixedDelay(this::commit, 5, 5, TimeUnit.SECONDS);
    }

    /**
     * Whether the index holds every topic as of the last clean stop, with every field it indexes now (one written
     * before the due date, the words or the district were indexed lacks them); if not, rebuild it.
     */
    boolean trusted() {
        if (!trusted) {
            return false;
        }
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            FieldInfos fields = FieldInfos.getMergedFieldInfos(reader);
            return reader.numDocs() == 0 || fields.fieldInfo("due") != null && fields.fieldInfo("requested") != null
                    && fields.fieldInfo("district") != null
                    && fields.fieldInfo(WORDS.get(WORDS.size() - 1).field()) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feed position taken in as of the last commit, or -1. */
    long position() {
        return position.get();
    }

    /** Notes that the feed has been taken in up to {@code next} (exclusive); committed with the next commit. */
    void position(long next) {
        position.set(next);
        uncommitted.set(true);
    }

    void put(TopicView view) {
        Document doc = new Document();
        doc.add(new StringField("id", view.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField("id", new BytesRef(view.id())));
        keyword(doc, "district", view.district());
        keyword(doc, "batch", view.batchId());
        keyword(doc, "status", view.status() == null ? null : view.status().name());
        keyword(doc, "direction", view.direction() == null ? null : view.direction().name());
        keyword(doc, "category", view.category());
        keyword(doc, "org", view.posterOrgId());
        keyword(doc, "org", view.leadOrgId());
        view.coClaimantOrgIds().forEach(org -> keyword(doc, "org", org));
        keyword(doc, "text", text(view));
        WORDS.forEach(words -> words(doc, words.field(), words.title() ? view.title() : view.description()));
        doc.add(new IntPoint("escalation", view.escalationLevel()));
        // When it was requested, as Open311 says: published (a draft is none yet), else posted.
        Instant requested = view.publishedAt() != null ? view.publishedAt() : view.postedAt();
        long requestedAt = requested == null ? 0 : requested.toEpochMilli();
        doc.add(new LongPoint("requested", requestedAt));
        doc.add(new NumericDocValuesField("requested", requestedAt));
        if (view.dueDate() != null) {
            doc.add(new LongPoint("due", view.dueDate().toEpochMilli()));
        }
        long updated = view.updatedAt() == null ? 0 : view.updatedAt().toEpochMilli() * 1_000_000 + view.updatedAt().getNano() % 1_000_000;
        doc.add(new NumericDocValuesField("updated", updated));
        // Indexed as a point too, so that sorting newest first skips what cannot make the page (Lucene's sort optimisation).
        doc.add(new LongPoint("updated", updated));
        try {
            writer.updateDocument(new Term("id", view.id()), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        uncommitted.set(true);
    }

    /**
     * Makes what was put so far visible to searches. The writer calls it after each batch of puts, off the request
     * threads: a refresh flushes a segment to disk, and done on an HTTP event loop it stalled every connection of it.
     */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        position.set(-1);
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        uncommitted.set(true);
    }

    /**
     * One page of the ids matching the query, and how many match in all: the most relevant first when it has text,
     * else the newest change first.
     */
    Hits search(TopicQuery query, int page, int size) {
        boolean byRelevance = query.text() != null && !query.text().isBlank();
        return search(query(query), page, size, byRelevance ? BY_RELEVANCE : NEWEST_FIRST);
    }

    /** Open311's service requests: published topics of the services and statuses asked, requested in the window. */
    Hits search(ServiceRequestQuery query) {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery("requested", query.from().toEpochMilli(), query.to().toEpochMilli()),
                        BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term("status", TopicStatus.DRAFT.name())), BooleanClause.Occur.MUST_NOT);
        filter(q, "district", query.district());
        q.add(anyOf("category", query.serviceCodes()), BooleanClause.Occur.FILTER);
        q.add(anyOf("status", query.statuses().stream().map(TopicStatus::name).toList()), BooleanClause.Occur.FILTER);
        return search(q.build(), query.page(), query.size(), NEWEST_REQUEST_FIRST);
    }

    /** Documents with any of these values in the field; every document when there are none. */
    private static Query anyOf(String field, java.util.Collection<String> values) {
        if (values.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(value -> any.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD));
        return any.build();
    }

    /**
     * The solved topics whose words are most like this text, the most alike first; none when no word is shared.
     * {@code district}: that district's only; null: every district's.
     */
    List<String> similarSolved(String text, int limit, String district) {
        Query alike = words(text);
        if (alike == null) {
            return List.of();
        }
        BooleanQuery.Builder solved = new BooleanQuery.Builder();
        SOLVED.forEach(status -> solved.add(new TermQuery(new Term("status", status.name())), BooleanClause.Occur.SHOULD));
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(alike, BooleanClause.Occur.MUST)
                .add(solved.build(), BooleanClause.Occur.FILTER);
        filter(query, "district", district);
        return search(query.build(), 0, limit, BY_RELEVANCE).ids();
    }

    /** The ids of topics with an open reminder or escalation, of one batch or all, of one district or all (null). */
    List<String> escalated(String batchId, String district) {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(IntPoint.newRangeQuery("escalation", 1, Integer.MAX_VALUE), BooleanClause.Occur.FILTER);
        filter(q, "district", district);
        if (batchId != null) {
            q.add(new TermQuery(new Term("batch", batchId)), BooleanClause.Occur.FILTER);
        }
        return search(q.build(), 0, Integer.MAX_VALUE / 2, NEWEST_FIRST).ids();
    }

    record Hits(List<String> ids, long total) {
    }

    /** Topics in each state; states without any are left out. */
    Map<TopicStatus, Long> countByStatus() {
        Map<TopicStatus, Long> counts = new EnumMap<>(TopicStatus.class);
        for (TopicStatus status : TopicStatus.values()) {
            long count = count(new TermQuery(new Term("status", status.name())));
            if (count > 0) {
                counts.put(status, count);
            }
        }
        return counts;
    }

    /** Topics by the highest level of their open reminders (1) and escalations (2, 3). */
    Map<Integer, Long> countByEscalationLevel() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int level = 1; level <= 3; level++) {
            counts.put(level, count(IntPoint.newExactQuery("escalation", level)));
        }
        return counts;
    }

    /** Topics past their due date in one of these states. */
    long countOverdue(Instant now, Collection<TopicStatus> states) {
        BooleanQuery.Builder inState = new BooleanQuery.Builder();
        states.forEach(status -> inState.add(new TermQuery(new Term("status", status.name())), BooleanClause.Occur.SHOULD));
        return count(new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery("due", Long.MIN_VALUE, now.toEpochMilli() - 1), BooleanClause.Occur.FILTER)
                .add(inState.build(), BooleanClause.Occur.FILTER).build());
    }

    private long count(Query query) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(query);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Sort NEWEST_FIRST = new Sort(new SortField("updated", SortField.Type.LONG, true),
            new SortField("id", SortField.Type.STRING));
    private static final Sort NEWEST_REQUEST_FIRST = new Sort(new SortField("requested", SortField.Type.LONG, true),
            new SortField("id", SortField.Type.STRING));
    private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE, new SortField("updated", SortField.Type.LONG, true),
            new SortField("id", SortField.Type.STRING));

    private Hits search(Query query, int page, int size, Sort order) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int total = searcher.count(query);
                long wanted = Math.min((long) page * size + size, Math.max(total, 1));
                if ((long) page * size >= total) {
                    return new Hits(List.of(), total);
                }
                TopFieldDocs top = searcher.search(query, (int) wanted, order);
                List<String> ids = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = page * size; i < docs.length; i++) {
                    ids.add(searcher.storedFields().document(docs[i].doc).get("id"));
                }
                return new Hits(ids, total);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query query(TopicQuery query) {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        filter(q, "district", query.district());
        filter(q, "batch", query.batchId());
        filter(q, "status", query.status() == null ? null : query.status().name());
        filter(q, "direction", query.direction() == null ? null : query.direction().name());
        filter(q, "category", query.category());
        filter(q, "org", query.org());
        q.add(published(query.drafts()), BooleanClause.Occur.FILTER);
        if (query.text() != null && !query.text().isBlank()) {
            // Topics with the text literally, anywhere in the title or description, whatever the case (a part of a
            // word, like 灯 of 路灯, or an id), or with every one of its words somewhere (路灯 维修); the literal
            // matches first, then by how much of the text they share.
            String literal = query.text().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
            BooleanQuery.Builder matching = new BooleanQuery.Builder()
                    .add(new BoostQuery(new WildcardQuery(new Term("text", "*" + literal + "*")), LITERAL_WEIGHT), BooleanClause.Occur.SHOULD);
            Query everyWord = everyWord(query.text());
            if (everyWord != null) {
                matching.add(everyWord, BooleanClause.Occur.SHOULD);
            }
            q.add(matching.build(), BooleanClause.Occur.MUST);
            Query words = words(query.text());
            if (words != null) {
                q.add(words, BooleanClause.Occur.SHOULD);
            }
        }
        return q.build();
    }

    /**
     * Published topics, and the drafts the reader may see. A draft's only organisation in the "org" field is its
     * poster's: nobody leads or co-claims a draft.
     */
    private static Query published(TopicQuery.Drafts drafts) {
        if (drafts.all()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder visible = new BooleanQuery.Builder()
                .add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term("status", TopicStatus.DRAFT.name())), BooleanClause.Occur.MUST_NOT).build(),
                        BooleanClause.Occur.SHOULD);
        if (drafts.of() != null) {
            visible.add(new TermQuery(new Term("org", drafts.of())), BooleanClause.Occur.SHOULD);
        }
        return visible.setMinimumNumberShouldMatch(1).build();
    }

    /** A literal match counts as much as this many shared words, so it comes first. */
    private static final float LITERAL_WEIGHT = 20f;

    /** Any of the text's words or character pairs in a title or a description; null when it has none. */
    private Query words(String text) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        boolean found = false;
        for (Words words : WORDS) {
            for (String term : terms(words.bigrams() ? bigrams : segmenter, text)) {
                any.add(new TermQuery(new Term(words.field(), term)), BooleanClause.Occur.SHOULD);
                found = true;
            }
        }
        return found ? any.build() : null;
    }

    /** Every character pair (and run of letters or digits) of the text in the title or the description; null: none. */
    private Query everyWord(String text) {
        Set<String> pairs = terms(bigrams, text);
        if (pairs.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder every = new BooleanQuery.Builder();
        for (String pair : pairs) {
            BooleanQuery.Builder somewhere = new BooleanQuery.Builder();
            WORDS.stream().filter(Words::bigrams)
                    .forEach(words -> somewhere.add(new TermQuery(new Term(words.field(), pair)), BooleanClause.Occur.SHOULD));
            every.add(somewhere.build(), BooleanClause.Occur.MUST);
        }
        return every.build();
    }

    /** The distinct terms the analyzer makes of the text, at most {@link #MAX_QUERY_WORDS}. */
    private static Set<String> terms(Analyzer analyzer, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream("", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_QUERY_WORDS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static void words(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void filter(BooleanQuery.Builder q, String field, String value) {
        if (value != null) {
            q.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
        }
    }

    private static void keyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.NO));
        }
    }

    private static String text(TopicView view) {
        String text = ((view.title() == null ? "" : view.title()) + "\n" + (view.description() == null ? "" : view.description()))
                .toLowerCase(Locale.ROOT);
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }

    private void commit() {
        if (uncommitted.getAndSet(false)) {
            try {
                commitWithPosition();
            } catch (IOException | RuntimeException e) {
                uncommitted.set(true);
            }
        }
    }

    private void commitWithPosition() throws IOException {
        writer.setLiveCommitData(java.util.Map.of(POSITION, String.valueOf(position.get())).entrySet());
        writer.commit();
    }

    @Override
    public void close() {
        committer.shutdown();
        try {
            searchers.close();
            commitWithPosition();
            writer.close();
            Files.writeString(directory.resolve(CLEAN), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
