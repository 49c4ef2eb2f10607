package io.jiebang.notification.domain;

/** How a notification reaches its recipient. */
public enum Channel {
    /** The recipient's in-app inbox (the console's bell). */
    INBOX,
    /** An e-mail to the recipient's address. */
    EMAIL,
    /** A signed POST to the recipient's own system. */
    WEBHOOK;

    /** Sent outside the service, each send a delivery tried until it works (the inbox is written in place). */
    public boolean isExternal() {
        return this != INBOX;
    }
}
