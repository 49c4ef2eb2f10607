package io.jiebang.notification.domain;

import static io.jiebang.notification.domain.RecipientsTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.platform.domain.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
    static final Notification NOTIFICATION = new Notification("e1:street-01", "street-01", "e1", "TopicUnclaimed", "t1",
            "加装电梯", 1, Map.of(), NOW);

    @Test
    void theStandardBackoffWaitsLongerEachTimeThenGivesUp() {
        assertThat(List.of(1, 2, 3, 4, 5)).map(failed -> Backoff.STANDARD.after(failed).orElseThrow())
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                        Duration.ofHours(12));
        assertThat(Backoff.STANDARD.after(6)).isEmpty();
        assertThat(Backoff.STANDARD.after(0)).isEmpty();
        assertThat(Backoff.STANDARD.attempts()).isEqualTo(6);
    }

    @Test
    void aNewDeliveryIsDueAtOnceOncePerNotificationAndChannel() {
        Delivery delivery = Delivery.of(NOTIFICATION, Channel.WEBHOOK, NOW);
        assertThat(delivery.id()).isEqualTo("e1:street-01:WEBHOOK");
        assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW);
        assertThat(delivery.isDue()).isTrue();
        assertThat(delivery.recipient()).isEqualTo("street-01");
        assertThatThrownBy(() -> Delivery.of(NOTIFICATION, Channel.INBOX, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachFailureWaitsTheBackoffAndTheLastOneIsDead() {
        Delivery delivery = Delivery.of(NOTIFICATION, Channel.EMAIL, NOW);
        Instant at = NOW;
        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(12))) {
            delivery = delivery.failed(at, "connection refused", Backoff.STANDARD);
            assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
            assertThat(delivery.nextAttemptAt()).isEqualTo(at.plus(wait));
            assertThat(delivery.isDue()).isTrue();
            at = delivery.nextAttemptAt();
        }
        Delivery dead = delivery.failed(at, "connection refused", Backoff.STANDARD);
        assertThat(dead.status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(dead.attempts()).isEqualTo(6);
        assertThat(dead.nextAttemptAt()).isNull();
        assertThat(dead.isDue()).isFalse();
        assertThat(dead.lastError()).isEqualTo("connection refused");
    }

    @Test
    void aDeadDeliveryIsRetriedByHandOnceMore() {
        Delivery dead = new Delivery("d", NOTIFICATION, Channel.WEBHOOK, Delivery.Status.DEAD, 6, "HTTP 500", null, null, NOW);
        Delivery retried = dead.retried(NOW.plusSeconds(60));
        assertThat(retried.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(retried.nextAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(retried.attempts()).isEqualTo(6);
        assertThat(retried.failed(NOW.plusSeconds(61), "HTTP 500", Backoff.STANDARD).status())
                .as("no backoff left: dead again").isEqualTo(Delivery.Status.DEAD);
        Delivery sent = retried.sent(NOW.plusSeconds(61));
        assertThat(sent.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(sent.attempts()).isEqualTo(7);
        assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(61));
        assertThat(sent.nextAttemptAt()).isNull();
        refused(() -> sent.retried(NOW), Rejection.Kind.CONFLICT, "delivery-not-dead");
        refused(() -> Delivery.of(NOTIFICATION, Channel.EMAIL, NOW).retried(NOW), Rejection.Kind.CONFLICT, "delivery-not-dead");
    }

    @Test
    void aLongErrorIsCut() {
        Delivery failed = Delivery.of(NOTIFICATION, Channel.EMAIL, NOW).failed(NOW, "x".repeat(2000), Backoff.STANDARD);
        assertThat(failed.lastError()).hasSize(Delivery.ERROR_LENGTH);
    }
}
