package io.jiebang.notification.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may point: not into the board's own network. A URL a recipient gives is called by this service from
 * inside the deployment, so without this check it could reach the services, the store or the cloud's metadata
 * endpoint (server-side request forgery). Local receivers (development, the tests) are allowed by a setting.
 */
public final class WebhookTargets {

    private WebhookTargets() {
    }

    /** Loopback, unspecified, link-local (the cloud metadata address among them), private, shared and multicast. */
    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            // 100.64.0.0/10, carrier-grade NAT (and some clouds' internal ranges)
            return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        }
        // fc00::/7, IPv6 unique local addresses
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }

    /** Whether any of the addresses a host resolves to is internal: one is enough to refuse it. */
    public static boolean anyInternal(List<InetAddress> addresses) {
        return addresses.stream().anyMatch(WebhookTargets::isInternal);
    }

    /**
     * The host as an address when it is written as one (an IP literal, no lookup), or "localhost"'s; null for a name
     * that only a lookup can tell.
     */
    public static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        if (!lower.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
