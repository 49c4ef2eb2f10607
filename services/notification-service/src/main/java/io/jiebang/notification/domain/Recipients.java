package io.jiebang.notification.domain;

import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import java.util.regex.Pattern;

/**
 * Who notifications go to: an organisation, by its id, or one of two pseudo-recipients shared by everyone in a role,
 * the district coordinators ({@value #COORDINATOR}) and district leadership ({@value #LEADERSHIP}).
 */
public final class Recipients {

    public static final String COORDINATOR = "coordinator";
    public static final String LEADERSHIP = "leadership";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private Recipients() {
    }

    /** The inbox the caller reads: its organisation's (staff), the coordinators' or the leadership's. */
    public static String inboxOf(Actor actor) {
        return switch (actor.role()) {
            case STAFF -> {
                if (actor.orgId() == null) {
                    throw noInbox();
                }
                yield actor.orgId();
            }
            case COORDINATOR -> COORDINATOR;
            case LEADERSHIP -> LEADERSHIP;
            default -> throw noInbox();
        };
    }

    /**
     * Whether the caller may see and change the recipient's settings and deliveries: its own staff, leadership its
     * own pseudo-recipient, a coordinator any recipient.
     */
    public static void checkMayManage(Actor actor, String recipient) {
        if (!ID.matcher(recipient).matches()) {
            throw Rejection.invalid("recipient", "recipient-invalid",
                    "{0} is not a recipient: an id of 1 to 100 letters, digits, dots, dashes or underscores", recipient);
        }
        boolean allowed = actor.isCoordinator() || actor.actsFor(recipient)
                || (LEADERSHIP.equals(recipient) && actor.role() == Actor.Role.LEADERSHIP);
        if (!allowed) {
            throw Rejection.forbidden("not-your-notifications",
                    "only staff of {0} or a coordinator may see or change the notifications of {0}", recipient);
        }
    }

    private static Rejection noInbox() {
        return Rejection.forbidden("no-inbox", "only organisations, coordinators and district leadership have an inbox");
    }
}
