package io.jiebang.console.web;

import io.jiebang.testsupport.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * The public API's description (api/openapi.yaml, written by hand) says what the console's own endpoints take and
 * answer: the operations, parameters, request and answer fields of its controllers. OpenApiCoverageTest holds its
 * paths to these controllers and the gateway's routes; each service's OpenApiContractTest holds it to that service's
 * controllers.
 */
class OpenApiContractTest {

    @Test
    void theApiDocumentSaysWhatTheControllersTakeAndAnswer() {
        OpenApiContract.publicApi()
                .excluding(ConsoleDeadLetterController.class, "the operators' dead letters (docs/operations.md), not the public API")
                .check(OpenApiContract.controllersIn("io.jiebang.console"));
    }
}
