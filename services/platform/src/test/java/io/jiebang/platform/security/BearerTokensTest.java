package io.jiebang.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

class BearerTokensTest {

    final BearerTokens tokens = new BearerTokens(List.of("/api/stream"));

    @Test
    void aTokenInTheQueryIsReadOnTheStreamOnly() {
        assertThat(token(MockServerHttpRequest.get("/api/stream?access_token=abc.def.ghi"))).isEqualTo("abc.def.ghi");
        assertThat(token(MockServerHttpRequest.get("/api/topics?access_token=abc.def.ghi"))).as("any other path").isNull();
        assertThat(token(MockServerHttpRequest.get("/api/topics/export?access_token=abc.def.ghi"))).isNull();
    }

    @Test
    void aTokenInTheHeaderIsReadEverywhere() {
        for (String path : List.of("/api/stream", "/api/topics")) {
            assertThat(token(MockServerHttpRequest.get(path).header(HttpHeaders.AUTHORIZATION, "Bearer abc.def.ghi")))
                    .as(path).isEqualTo("abc.def.ghi");
        }
    }

    private String token(MockServerHttpRequest.BaseBuilder<?> request) {
        Authentication found = tokens.convert(MockServerWebExchange.from(request)).block(Duration.ofSeconds(5));
        return found == null ? null : ((BearerTokenAuthenticationToken) found).getToken();
    }
}
