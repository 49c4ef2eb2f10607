package io.jiebang.notification.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.notification.application.NotificationProperties;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

class WebhookChannelTest {

    @Test
    void aHostThatResolvesInsideTheBoardNetworkIsNotCalledUnlessLocalReceiversAreAllowed() {
        WebhookChannel guarded = channel(false);
        assertThatThrownBy(() -> guarded.reachable(URI.create("https://localhost:8443/hook")).block())
                .hasMessageContaining("resolves to an internal address");
        assertThatThrownBy(() -> guarded.reachable(URI.create("https://169.254.169.254/latest/meta-data")).block())
                .hasMessageContaining("resolves to an internal address");
        assertThatCode(() -> guarded.reachable(URI.create("https://203.0.113.7/hook")).block()).doesNotThrowAnyException();
        assertThatCode(() -> channel(true).reachable(URI.create("http://127.0.0.1:9000/hook")).block()).doesNotThrowAnyException();
    }

    private static WebhookChannel channel(boolean internalAllowed) {
        return new WebhookChannel(WebClient.builder(), JsonMapper.builder().build(), Clock.systemUTC(),
                new NotificationProperties(null, null, null, null, null, internalAllowed, internalAllowed, null));
    }
}
