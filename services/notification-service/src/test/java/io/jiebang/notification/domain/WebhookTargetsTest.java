package io.jiebang.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    @Test
    void internalAddressesAreTold() throws UnknownHostException {
        for (String internal : List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
                "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fdff::1",
                "::ffff:10.0.0.1")) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String outside : List.of("8.8.8.8", "203.0.113.7", "100.128.0.1", "172.32.0.1", "2001:db8::1", "2606:4700::1")) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(outside))).as(outside).isFalse();
        }
        assertThat(WebhookTargets.anyInternal(List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.1"))))
                .as("one internal address among several is enough").isTrue();
    }

    @Test
    void onlyAddressesWrittenAsSuchAreReadWithoutALookup() {
        assertThat(WebhookTargets.literal("10.0.0.1")).isNotNull();
        assertThat(WebhookTargets.literal("[::1]")).isNotNull();
        assertThat(WebhookTargets.literal("LOCALHOST")).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(WebhookTargets.literal("hooks.example.org")).isNull();
        assertThat(WebhookTargets.literal("cafe")).as("a name, even of hex letters").isNull();
    }
}
