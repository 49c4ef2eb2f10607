package io.jiebang.e2e.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A request's outcome: an HTTP status and body, or the error that stood in for one (timeout, refused connection). */
record Answer(int status, String body, Throwable error) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    boolean ok() {
        return error == null && status >= 200 && status < 300;
    }

    JsonNode json() {
        return JSON.readTree(body);
    }

    /** What is counted: the status code, or the kind of error. */
    String outcome() {
        return error == null ? String.valueOf(status) : error.getClass().getSimpleName();
    }

    /** The stable code of a problem+json answer ("topic-not-found"), or null. */
    String problem() {
        if (error != null || ok() || body == null || !body.startsWith("{")) {
            return null;
        }
        try {
            String type = json().path("type").asString("");
            return type.isEmpty() ? null : type.substring(type.lastIndexOf('/') + 1);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
