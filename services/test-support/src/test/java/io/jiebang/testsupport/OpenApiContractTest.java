package io.jiebang.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The checker itself: a document that matches a controller passes, and each kind of difference is reported. */
class OpenApiContractTest {

    @TempDir
    Path folder;

    enum Colour { RED, GREEN }

    record Layer(@NotNull Instant at, @Size(max = 200) String note) {
    }

    record Paint(@NotBlank @Size(max = 20) String name, @NotNull Colour colour, @Min(1) @Max(9) Integer coats,
                 List<Layer> layers) {
    }

    record Tin(String id, Colour colour, List<Layer> layers, Map<String, Integer> stock) {
    }

    @RestController
    static class TinController {

        @PostMapping("/api/tins/{tinId}/paint")
        public Mono<ResponseEntity<String>> paint(@PathVariable String tinId, @RequestBody Paint paint) {
            return Mono.empty();
        }

        @GetMapping("/api/tins")
        public Flux<Tin> tins(@RequestParam(required = false) Colour colour, @RequestParam(defaultValue = "10") int limit) {
            return Flux.empty();
        }

        @GetMapping("/internal/tins")
        public String notPublic() {
            return "";
        }
    }

    private static final String MATCHING = """
            openapi: 3.0.3
            info: {title: tins, version: "1"}
            paths:
              /api/tins/{id}/paint:
                post:
                  summary: Paint a tin
                  parameters: [{name: id, in: path, required: true, description: the tin, schema: {type: string}}]
                  requestBody:
                    required: true  # body
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Paint'}
                  responses:
                    '202': {description: Painted}
              /api/tins:
                get:
                  summary: The tins
                  parameters:
                    - {name: colour, in: query, description: only these, schema: {$ref: '#/components/schemas/Colour'}}
                    - {name: limit, in: query, description: at most, schema: {type: integer, default: 10}}
                  responses:
                    '200':
                      description: Tins
                      content:
                        application/json:
                          schema:
                            type: array
                            items:
                              type: object
                              properties:
                                id: {type: string}
                                colour: {$ref: '#/components/schemas/Colour'}
                                layers: {type: array, items: {$ref: '#/components/schemas/Layer'}}
                                stock: {type: object, additionalProperties: {type: integer}}
            components:
              schemas:
                Colour: {type: string, enum: [RED, GREEN]}
                Layer:
                  type: object
                  required: [at]
                  additionalProperties: false
                  properties:
                    at: {type: string, format: date-time, description: when}
                    note: {type: string, maxLength: 200, description: what}
                Paint:
                  type: object
                  required: [name, colour]
                  additionalProperties: false  # paint
                  properties:
                    name: {type: string, maxLength: 20, description: the paint's}
                    colour: {type: string, enum: [RED, GREEN], description: which}
                    coats: {type: integer, minimum: 1, maximum: 9, description: how many}
                    layers: {type: array, items: {$ref: '#/components/schemas/Layer'}, description: the layers}
            """;

    @Test
    void aMatchingDocumentPasses() throws IOException {
        OpenApiContract.of(write(MATCHING)).check(List.of(TinController.class));
    }

    @Test
    void eachDifferenceIsReported() throws IOException {
        assertProblem(MATCHING.replace("/api/tins/{id}/paint:", "/api/tins/{id}/painting:"),
                "POST /api/tins/{tinId}/paint (TinController.paint): no such operation");
        assertProblem(MATCHING.replace("summary: Paint a tin", "description: ''"), "the operation has no summary");
        assertProblem(MATCHING.replace("note: {type: string, maxLength: 200", "comment: {type: string, maxLength: 200"),
                "request body.layers[]: properties of Layer not in the document: [note]");
        assertProblem(MATCHING.replace("stock: {type: object", "stock: {type: object}\n                    stocks: {type: object"),
                "documented properties Tin does not have: [stocks]");
        assertProblem(MATCHING.replace("required: [name, colour]", "required: [name]"),
                "request body: required [colour, name] in the code (@NotNull, @NotBlank, @NotEmpty), [name] in the document");
        assertProblem(MATCHING.replace("colour: {type: string, enum: [RED, GREEN], description: which}",
                "colour: {type: string, enum: [RED, BLUE], description: which}"), "the values are [GREEN, RED] in the code, [BLUE, RED]");
        assertProblem(MATCHING.replace("at: {type: string, format: date-time", "at: {type: string"), "a date-time in the code");
        assertProblem(MATCHING.replace("maxLength: 20, description", "maxLength: 30, description"), "maxLength 20 in the code, 30");
        assertProblem(MATCHING.replace("minimum: 1, maximum: 9", "minimum: 1"), "maximum 9 in the code, none");
        assertProblem(MATCHING.replace("coats: {type: integer", "coats: {type: string"), "integer in the code, string in the document");
        assertProblem(MATCHING.replace("description: the paint's", "maxLength: 20"), "request body.name: no description");
        assertProblem(MATCHING.replace("additionalProperties: false  # paint", "additionalProperties: true"),
                "request body: unknown fields are refused");
        assertProblem(MATCHING.replace("{name: limit, in: query", "{name: max, in: query"),
                "the query parameter limit is not documented");
        assertProblem(MATCHING.replace("default: 10", "default: 20"), "the code's default is 10, the document's 20");
        assertProblem(MATCHING.replace("additionalProperties: {type: integer}", "additionalProperties: true"),
                "the map's values are not described");
        assertProblem(MATCHING.replace("required: true  # body", "required: false"),
                "the body is required in the code, not in the document");
        assertProblem(MATCHING.replace("'202': {description: Painted}", "'400': {description: Bad}"), "no 2xx answer documented");
        assertProblem(MATCHING.replace("description: how many}", "description: how, many}"),
                "the document's /components/schemas/Paint/properties/coats/many has no value");
        assertProblem(MATCHING.replace("maximum: 9,", "maximum: 9, maxLenght: 3,"), "request body.coats: maxLenght is no keyword");
    }

    @Test
    void failsWithTheDifferences() throws IOException {
        OpenApiContract contract = OpenApiContract.of(write(MATCHING.replace("id: {type: string}", "id: {type: integer}")));
        assertThatThrownBy(() -> contract.check(List.of(TinController.class)))
                .hasMessageContaining("GET /api/tins (TinController.tins) answer 200[].id: string in the code, integer in the document");
    }

    private void assertProblem(String document, String problem) throws IOException {
        assertThat(OpenApiContract.of(write(document)).problems(List.of(TinController.class)))
                .as("with %s", problem).anySatisfy(found -> assertThat(found).contains(problem));
    }

    private Path write(String document) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "openapi", ".yaml"), document);
    }
}
