package io.jiebang.console.persistence;

import static io.jiebang.console.persistence.TopicViews.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.console.application.ServiceRequestQuery;
import io.jiebang.console.application.TopicQuery;
import io.jiebang.console.readmodel.TopicStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneTopicIndexTest {

    @TempDir
    Path folder;
    LuceneTopicIndex index;

    @BeforeEach
    void open() {
        index = new LuceneTopicIndex(folder);
        index.put(topic("t-lamps", "和平路路灯不亮", "和平路东段三盏路灯损坏，夜间行人看不清路面。", TopicStatus.CLOSED));
        index.put(topic("t-mention", "人行道破损修补", "人行道砖块松动，靠近路灯杆的一段最严重。", TopicStatus.CLOSED));
        index.put(topic("t-water", "暴雨后小区积水", "每逢暴雨小区门口积水没过脚踝。", TopicStatus.RESOLVED));
        index.put(topic("t-open-lamps", "幸福里路灯坏了", "幸福里两盏路灯夜里不亮。", TopicStatus.IN_PROGRESS));
        index.put(topic("t-draft-lamps", "草稿：路灯", "路灯不亮的草稿。", TopicStatus.DRAFT));
        index.refresh();
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void searchRanksByRelevanceAndStillFindsAPartOfAWord() {
        assertThat(index.search(query("路灯 不亮"), 0, 10).ids()).as("every word, anywhere; the most alike first")
                .containsExactly("t-lamps", "t-open-lamps").doesNotContain("t-mention", "t-water");
        assertThat(index.search(query("路灯不亮"), 0, 10).ids()).as("literally first").startsWith("t-lamps");
        assertThat(index.search(query("灯"), 0, 10).ids()).as("a part of a word, literally")
                .containsExactlyInAnyOrder("t-lamps", "t-mention", "t-open-lamps");
        assertThat(index.search(query("积水"), 0, 10).total()).isEqualTo(1);
        assertThat(index.search(new TopicQuery(null, null, null, null, null, null, 0, 10), 0, 10).ids())
                .as("no text: everything the reader may see, newest first").hasSize(4);
    }

    @Test
    void similarTopicsAreTheSolvedOnesMostAlike() {
        assertThat(index.similarSolved("我们街道的路灯晚上都不亮了，请尽快维修", 5, null))
                .as("solved only: not one in progress, not a draft").startsWith("t-lamps").doesNotContain("t-open-lamps", "t-draft-lamps");
        assertThat(index.similarSolved("下大雨以后楼下全是积水", 5, null)).containsExactly("t-water");
        assertThat(index.similarSolved("。，！", 5, null)).as("no words, no suggestions").isEmpty();
    }

    @Test
    void serviceRequestsArePublishedTopicsOfTheServicesStatusesAndWindowAsked() {
        Instant from = TopicViews.NOW.minusSeconds(3600);
        Instant to = TopicViews.NOW.plusSeconds(3600);
        Set<TopicStatus> closed = Set.of(TopicStatus.CLOSED, TopicStatus.CLOSED_UNRATED, TopicStatus.WITHDRAWN);
        assertThat(index.search(new ServiceRequestQuery(Set.of("SW-01"), closed, from, to, 0, 10)).ids())
                .containsExactlyInAnyOrder("t-lamps", "t-mention");
        LuceneTopicIndex.Hits all = index.search(new ServiceRequestQuery(Set.of(), Set.of(), from, to, 0, 10));
        assertThat(all.ids()).as("never a draft").hasSize(4).doesNotContain("t-draft-lamps");
        assertThat(index.search(new ServiceRequestQuery(Set.of("ND-01"), Set.of(), from, to, 0, 10)).ids()).isEmpty();
        assertThat(index.search(new ServiceRequestQuery(Set.of(), Set.of(), from, TopicViews.NOW.minusSeconds(1), 0, 10)).ids())
                .as("requested after the window").isEmpty();
        LuceneTopicIndex.Hits second = index.search(new ServiceRequestQuery(Set.of(), Set.of(), from, to, 1, 3));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.ids()).hasSize(1).isSubsetOf(all.ids()).doesNotContainAnyElementsOf(all.ids().subList(0, 3));
    }

    private static TopicQuery query(String text) {
        return new TopicQuery(null, null, null, null, null, text, 0, 10);
    }
}
