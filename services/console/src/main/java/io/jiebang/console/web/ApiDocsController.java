package io.jiebang.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI description of the whole public API. It is written by hand (api/openapi.yaml), as the
 * contract clients code against; OpenApiCoverageTest keeps it and the routes in step, and each service's
 * OpenApiContractTest holds it to that service's request and answer types (docs/architecture.md).
 */
@RestController
public class ApiDocsController {

    public static final String SPEC = "api/openapi.yaml";

    private final String yaml;
    private final JsonNode json;

    public ApiDocsController() throws IOException {
        try (InputStream in = new ClassPathResource(SPEC).getInputStream()) {
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        this.json = new YAMLMapper().readTree(yaml);
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode json() {
        return json;
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
    public String yaml() {
        return yaml;
    }
}
