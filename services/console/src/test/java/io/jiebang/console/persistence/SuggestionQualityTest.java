package io.jiebang.console.persistence;

import static io.jiebang.console.persistence.TopicViews.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.readmodel.TopicStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * How good the suggestions of solved topics are (docs/search.md): a labelled set of near-duplicate topics written for
 * this test ({@code suggestions/near-duplicates.json}: 12 kinds of problem, 5 solved topics each, 20 unrelated ones, some
 * sharing words with them, and 2 new topics per kind, worded afresh), each new topic's first five suggestions judged by
 * its kind. The figures are printed; the floors below keep them from sliding unnoticed.
 */
class SuggestionQualityTest {

    record Labelled(String id, String group, String title, String description) {
        String text() {
            return title + "\n" + description;
        }
    }

    record LabelledSet(String about, List<Labelled> solved, List<Labelled> queries) {
    }

    static final int K = 5;

    @TempDir
    Path folder;

    @Test
    void aNewTopicFindsTheSolvedOnesOfItsKindAmongTheFirstFive() throws IOException {
        LabelledSet set;
        try (InputStream json = getClass().getResourceAsStream("/suggestions/near-duplicates.json")) {
            set = JsonMapper.builder().build().readValue(json, LabelledSet.class);
        }
        Map<String, Labelled> solved = set.solved().stream().collect(Collectors.toMap(Labelled::id, Function.identity()));
        double precision = 0;
        double reciprocalRanks = 0;
        int found = 0;
        try (LuceneTopicIndex index = new LuceneTopicIndex(folder)) {
            set.solved().forEach(topic -> index.put(topic(topic.id(), topic.title(), topic.description(), TopicStatus.CLOSED)));
            index.refresh();
            for (Labelled query : set.queries()) {
                List<String> first = index.similarSolved(query.text(), K, null);
                List<Boolean> relevant = first.stream().map(id -> query.group().equals(solved.get(id).group())).toList();
                precision += relevant.stream().filter(yes -> yes).count() / (double) K;
                int rank = relevant.indexOf(true);
                found += rank < 0 ? 0 : 1;
                reciprocalRanks += rank < 0 ? 0 : 1.0 / (rank + 1);
            }
        }
        int queries = set.queries().size();
        System.out.printf("[suggestions] %d new topics against %d solved: precision@%d %.2f, a relevant one in the first %d for %d of %d, MRR %.2f%n",
                queries, set.solved().size(), K, precision / queries, K, found, queries, reciprocalRanks / queries);
        assertThat(found).as("new topics with a solved one of their kind among the first five").isEqualTo(queries);
        assertThat(precision / queries).as("precision at 5").isGreaterThanOrEqualTo(0.65);
    }
}
