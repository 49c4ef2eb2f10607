package io.jiebang.notification.messaging;

import io.jiebang.notification.application.DeliveryChannel;
import io.jiebang.notification.application.NotificationProperties;
import io.jiebang.notification.application.NotificationTexts;
import io.jiebang.notification.domain.Channel;
import io.jiebang.notification.domain.Delivery;
import io.jiebang.notification.domain.Notification;
import io.jiebang.notification.domain.NotificationSettings;
import io.jiebang.notification.domain.WebhookTargets;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs a delivery as JSON to the recipient's URL, signed with its secret ({@link WebhookSignature}). Only a 2xx answer
 * within the timeout counts as delivered; redirects are not followed. A host that resolves to an internal address is
 * not called ({@link WebhookTargets}) unless local receivers are allowed: the name is looked up again before each
 * sending, as it may have changed since the settings were saved.
 */
@Component
public class WebhookChannel implements DeliveryChannel {

    private static final String EVENT_ID = "X-Jiebang-Event-Id";
    private static final String DELIVERY = "X-Jiebang-Delivery";
    private static final String TIMESTAMP = "X-Jiebang-Timestamp";
    private static final String SIGNATURE = "X-Jiebang-Signature";

    private final WebClient client;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;
    private final boolean internalAllowed;

    public WebhookChannel(WebClient.Builder builder, JsonMapper json, Clock clock, NotificationProperties properties) {
        this.timeout = properties.webhookTimeout();
        this.internalAllowed = properties.webhookAllowInternal();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout);
        this.client = builder.clientConnector(new ReactorClientHttpConnector(http)).build();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Mono<Void> send(Delivery delivery, NotificationSettings settings, NotificationTexts.Text text) {
        NotificationSettings.Webhook webhook = settings.webhook();
        if (!webhook.enabled() || webhook.url() == null || webhook.secret() == null) {
            return Mono.error(new IllegalStateException("webhooks are turned off for " + delivery.recipient()));
        }
        byte[] body = json.writeValueAsBytes(payload(delivery, text));
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        URI url = URI.create(webhook.url());
        return reachable(url).then(client.post().uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .header(EVENT_ID, delivery.notification().eventId())
                .header(DELIVERY, delivery.id())
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, WebhookSignature.sign(webhook.secret(), timestamp, body))
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), ClientResponse::createException)
                .toBodilessEntity()
                .timeout(timeout)
                .then());
    }

    /** Nothing when the URL's host may be called; an error when it resolves to an internal address. */
    Mono<Void> reachable(URI url) {
        if (internalAllowed) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> List.of(InetAddress.getAllByName(url.getHost())))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(addresses -> WebhookTargets.anyInternal(addresses)
                        ? Mono.error(new IllegalStateException(url.getHost() + " resolves to an internal address "
                                + addresses + ": webhooks do not reach into the board network"))
                        : Mono.empty());
    }

    private static Map<String, Object> payload(Delivery delivery, NotificationTexts.Text text) {
        Notification notification = delivery.notification();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", notification.id());
        payload.put("eventId", notification.eventId());
        payload.put("eventType", notification.eventType());
        payload.put("recipient", notification.recipient());
        payload.put("topicId", notification.topicId());
        payload.put("title", notification.title());
        payload.put("round", notification.round());
        payload.put("occurredAt", notification.occurredAt().toString());
        payload.put("fields", notification.fields());
        payload.put("link", text.link());
        payload.put("text", text.body());
        return payload;
    }
}
