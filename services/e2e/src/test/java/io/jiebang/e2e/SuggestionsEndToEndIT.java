package io.jiebang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * Past solutions found when they are needed (docs/search.md), across the running services: a topic solved in one
 * batch is suggested, with its resolution and who solved it, to a street writing a topic like it in another; the
 * board's search ranks by relevance; the new-topic form shows the suggestions as the street types.
 */
class SuggestionsEndToEndIT {

    static Api api;
    static Board board;
    private final List<Browser> browsers = new ArrayList<>();

    @BeforeAll
    static void stack() {
        api = RunningStack.api();
        board = new Board(api);
    }

    @Test
    void aTopicLikeASolvedOneIsToldHowItWasSolved() {
        String earlier = api.createOpenBatch("相似榜单往期批次");
        String solved = board.postAndPublish("street-03", earlier, "古树枯枝存在坠落隐患", "FIRST_COME", 0, 60);
        board.claimAndAwait(solved, "dept-07");
        api.postEventually("/api/topics/" + solved + "/resolution", "dept-07",
                java.util.Map.of("summary", "园林所修剪枯枝并加装支撑架", "evidence", "修剪记录")).expect(201);
        api.awaitStatus(solved, "dept-07", "RESOLUTION_SUBMITTED");
        board.accept(solved, "street-03");
        String unsolved = board.postAndPublish("street-04", earlier, "古树周边停车占道", "FIRST_COME", 0, 60);

        String writing = "小区门口那棵老古树，好多枯枝随时会掉下来砸到人";
        JsonNode[] suggestions = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            suggestions[0] = api.get("/api/topics/similar?limit=5&text=" + encoded(writing), "street-05").expect(200).body();
            return ids(suggestions[0]).contains(solved);
        });
        assertThat(ids(suggestions[0])).as("solved ones only").doesNotContain(unsolved);
        JsonNode found = StreamSupport.stream(suggestions[0].spliterator(), false)
                .filter(s -> solved.equals(s.get("topicId").asString())).findFirst().orElseThrow();
        assertThat(found.get("resolutionSummary").asString()).isEqualTo("园林所修剪枯枝并加装支撑架");
        assertThat(found.get("leadOrgId").asString()).isEqualTo("dept-07");
        assertThat(found.get("status").asString()).isEqualTo("RESOLVED");

        assertThat(ids(api.get("/api/topics?batch=" + earlier + "&q=" + encoded("古树"), "street-05").expect(200).body()
                .get("items"))).containsExactlyInAnyOrder(solved, unsolved);
        assertThat(ids(api.get("/api/topics?batch=" + earlier + "&q=" + encoded("枯枝 古树"), "street-05").expect(200).body()
                .get("items"))).as("every word, anywhere, in any order").containsExactly(solved);

        Api.Response blank = api.send("GET", "/api/topics/similar?text=%20", api.token("street-05"), null, null, "zh-CN");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.type()).endsWith("/suggestion-text-missing");
        assertThat(blank.body().get("detail").asString()).containsPattern("\\p{IsHan}");
        Api.Response tooMany = api.send("GET", "/api/topics/similar?limit=99&text=x", api.token("street-05"), null, null, "en");
        assertThat(tooMany.body().get("detail").asString()).isEqualTo("ask for 1 to 20 suggestions");
        assertThat(api.get("/api/topics/similar?text=x", null).status()).isEqualTo(401);

        // In the console: a street typing a topic like it sees it beside the form, in both languages
        Browser.assumeInstalled();
        for (String language : List.of("zh-CN", "en")) {
            Browser browser = new Browser(RunningStack.get().consoleUrl(), 1280, 900);
            browsers.add(browser);
            browser.useLanguage(language);
            browser.signIn("street-05");
            browser.open("/#/topics/new");
            browser.type(By.name("title"), "老古树枯枝随时会掉下来");
            By suggested = By.cssSelector("#similar-topics-list li.suggestion[data-topic='" + solved + "']");
            browser.waitUntil(page -> !page.findElements(suggested).isEmpty());
            assertThat(browser.find(suggested).getText()).contains("园林所修剪枯枝并加装支撑架");
            assertThat(browser.find(By.id("similar-topics-heading")).getText())
                    .isEqualTo(language.equals("en") ? "Similar topics already solved" : "已解决的相似榜单");
        }
    }

    @AfterEach
    void closeBrowsers(TestInfo test) {
        Browser.closeAll(browsers, test);
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(node -> node.has("topicId") ? node.get("topicId").asString() : node.get("id").asString()).toList();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
