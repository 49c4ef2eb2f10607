package io.jiebang.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheTimestampADotAndTheBodyAsSent() {
        byte[] body = "{\"id\":\"e-1:street-01\",\"text\":\"你好\"}".getBytes(StandardCharsets.UTF_8);
        // printf '1767225600.{"id":"e-1:street-01","text":"你好"}' | openssl dgst -sha256 -hmac 'a-secret-of-24-characters'
        assertThat(WebhookSignature.sign("a-secret-of-24-characters", "1767225600", body))
                .isEqualTo("sha256=00c9536cf85f77082225b1a8dbda5937c4714752b5a67fcce33457f8f74249c3");
    }

    @Test
    void anotherSecretOrTimestampSignsDifferently() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signed = WebhookSignature.sign("a-secret-of-24-characters", "1767225600", body);
        assertThat(WebhookSignature.sign("b-secret-of-24-characters", "1767225600", body)).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign("a-secret-of-24-characters", "1767225601", body)).isNotEqualTo(signed);
    }
}
