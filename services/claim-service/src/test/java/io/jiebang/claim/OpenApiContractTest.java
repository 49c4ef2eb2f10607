package io.jiebang.claim;

import io.jiebang.testsupport.OpenApiContract;
import org.junit.jupiter.api.Test;

/**
 * The public API's description (services/console/src/main/resources/api/openapi.yaml, written by hand) says what this
 * service's endpoints take and answer: the operations, parameters, request and answer fields of its controllers. The
 * platform's operator endpoints (dead letters, the test clock) are not in this package and not in the public API.
 */
class OpenApiContractTest {

    @Test
    void theApiDocumentSaysWhatTheControllersTakeAndAnswer() {
        OpenApiContract.publicApi().check(OpenApiContract.controllersIn("io.jiebang.claim"));
    }
}
