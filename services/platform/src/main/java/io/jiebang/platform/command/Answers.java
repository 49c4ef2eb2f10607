package io.jiebang.platform.command;

import io.jiebang.platform.eventstore.Answer;
import tools.jackson.databind.json.JsonMapper;

/** Builds the answer a command gives (and gives again to a repeat): status, location and JSON body. */
public class Answers {

    private final JsonMapper json;

    public Answers(JsonMapper json) {
        this.json = json;
    }

    /** 201 Created with the new resource's location. */
    public Answer created(String location, Object body) {
        return new Answer(201, location, json.writeValueAsString(body));
    }

    /** 202 Accepted: the change is stored and its events are on their way. */
    public Answer accepted(String location, Object body) {
        return new Answer(202, location, json.writeValueAsString(body));
    }

    public String toJson(Object body) {
        return json.writeValueAsString(body);
    }
}
