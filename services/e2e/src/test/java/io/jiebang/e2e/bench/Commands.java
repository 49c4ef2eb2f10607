package io.jiebang.e2e.bench;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies of the benchmark's commands, shared by the seed and the mix so both send the same. */
public final class Commands {

    private Commands() {
    }

    /** A street's topic, due in 60 days, that up to two co-claimants may join. */
    public static Map<String, Object> topic(String batchId, String title, boolean firstCome, OffsetDateTime now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", batchId);
        body.put("title", title);
        body.put("description", "居民反映强烈，需要多方协作");
        body.put("category", "SW-08");
        body.put("expectedOutcome", "年内见效");
        body.put("dueDate", now.plusDays(60).toString());
        body.put("priority", "NORMAL");
        body.put("claimMode", firstCome ? "FIRST_COME" : "POSTER_SELECTS");
        body.put("maxCoClaimants", 2);
        return body;
    }

    public static Map<String, Object> claim(String department, List<String> coClaimants, OffsetDateTime now) {
        return Map.of("coClaimantOrgIds", List.copyOf(coClaimants), "plan", department + " 牵头办理",
                "committedDate", now.plusDays(40).toString());
    }

    public static Map<String, Object> resolution() {
        return Map.of("summary", "已办结", "evidence", "验收材料");
    }

    /** Ten one-time links for residents to vote with. */
    public static Map<String, Object> evaluationLinks() {
        return Map.of("count", 10);
    }

    public static Map<String, Object> progress(int percent, String note) {
        return Map.of("percent", percent, "note", note);
    }
}
