package io.jiebang.notification.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.Districts;
import io.jiebang.platform.domain.Rejection;
import java.util.regex.Pattern;

/**
 * Who notifications go to: an organisation, by its id, or one of two pseudo-recipients per district shared by everyone
 * in a role there, the district's coordinators and its leadership: {@value #COORDINATOR} and {@value #LEADERSHIP} in
 * the first district (the names they had before districts), {@code coordinator-<district>} and
 * {@code leadership-<district>} in the others (docs/tenancy.md).
 */
public final class Recipients {

    public static final String COORDINATOR = "coordinator";
    public static final String LEADERSHIP = "leadership";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private Recipients() {
    }

    /** The coordinators' pseudo-recipient of the district. */
    public static String coordinatorOf(String district) {
        return district == null || Districts.FIRST.equals(district) ? COORDINATOR : COORDINATOR + "-" + district;
    }

    /** The leadership's pseudo-recipient of the district. */
    public static String leadershipOf(String district) {
        return district == null || Districts.FIRST.equals(district) ? LEADERSHIP : LEADERSHIP + "-" + district;
    }

    /** The inbox the caller reads: its organisation's (staff), its district's coordinators' or leadership's. */
    public static String inboxOf(Actor actor) {
        return switch (actor.role()) {
            case STAFF -> {
                if (actor.orgId() == null) {
                    throw noInbox();
                }
                yield actor.orgId();
            }
            case COORDINATOR -> coordinatorOf(actor.district());
            case LEADERSHIP -> leadershipOf(actor.district());
            default -> throw noInbox();
        };
    }

    /**
     * Whether the caller may see and change the recipient's settings and deliveries: its own staff, leadership its
     * district's pseudo-recipient, a coordinator any recipient of their district.
     *
     * @param recipientDistrict the organisation's district, as the directory says; null for a pseudo-recipient or an
     *                          organisation not heard of
     */
    public static void checkMayManage(Actor actor, String recipient, String recipientDistrict) {
        if (!ID.matcher(recipient).matches()) {
            throw Rejection.invalid("recipient", "recipient-invalid",
                    "{0} is not a recipient: an id of 1 to 100 letters, digits, dots, dashes or underscores", recipient);
        }
        String district = actor.district();
        boolean ofTheDistrict = coordinatorOf(district).equals(recipient) || leadershipOf(district).equals(recipient)
                || district != null && district.equals(recipientDistrict);
        boolean allowed = actor.isCoordinator() && ofTheDistrict || actor.actsFor(recipient)
                || (leadershipOf(district).equals(recipient) && actor.role() == Actor.Role.LEADERSHIP);
        if (!allowed) {
            throw Rejection.forbidden("not-your-notifications",
                    "only staff of {0} or a coordinator may see or change the notifications of {0}", recipient);
        }
    }

    private static Rejection noInbox() {
        return Rejection.forbidden("no-inbox", "only organisations, coordinators and district leadership have an inbox");
    }
}
