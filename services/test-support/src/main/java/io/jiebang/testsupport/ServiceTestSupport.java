package io.jiebang.testsupport;

import io.jiebang.devstack.ProjectHome;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Shared wiring for a service's Spring Boot integration tests. */
public final class ServiceTestSupport {

    private ServiceTestSupport() {
    }

    /** Makes the service trust {@link TestTokens} instead of fetching the console's key set. */
    @TestConfiguration
    public static class TrustTestTokens {
        @Bean
        ReactiveJwtDecoder testJwtDecoder() {
            return TestTokens.decoder();
        }
    }

    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    public static String seedDirectory() {
        return ProjectHome.find().resolve("deploy/seed/directory.json").toString();
    }
}
