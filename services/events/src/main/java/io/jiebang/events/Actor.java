package io.jiebang.events;

/**
 * Who acted: the user, the organisation they acted for (none for the district coordinator or the
 * system) and their role. Recorded in every event envelope.
 */
public record Actor(String userId, String orgId, Role role) {

    public static final Actor SYSTEM = new Actor("system", null, Role.SYSTEM);
    public static final Actor RESIDENT = new Actor("resident", null, Role.RESIDENT);

    public enum Role {
        STAFF, COORDINATOR, LEADERSHIP, ANALYST, RESIDENT, SYSTEM
    }

    public boolean isCoordinator() {
        return role == Role.COORDINATOR;
    }

    public boolean actsFor(String organisation) {
        return role == Role.STAFF && orgId != null && orgId.equals(organisation);
    }
}
