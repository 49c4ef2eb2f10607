package io.jiebang.events;

/**
 * Who acted: the user, the organisation they acted for (none for the coordinator or the system), their role and
 * their district. Recorded in every event envelope.
 *
 * @param district the district (tenant) the user belongs to; null for the system, residents and the city level
 *                 ({@link Role#CITY}), who belong to none. On the wire the event's own district says it
 *                 ({@link EventEnvelope#district()}).
 */
public record Actor(String userId, String orgId, Role role, String district) {

    public static final Actor SYSTEM = new Actor("system", null, Role.SYSTEM, null);
    public static final Actor RESIDENT = new Actor("resident", null, Role.RESIDENT, null);

    /**
     * {@code CITY}: the city or province level (市级), reading every district and comparing them, never writing.
     */
    public enum Role {
        STAFF, COORDINATOR, LEADERSHIP, ANALYST, RESIDENT, SYSTEM, CITY
    }

    /** An actor of a district's staff; without a district given, the first district's (tokens from before districts). */
    public Actor(String userId, String orgId, Role role) {
        this(userId, orgId, role, belongsToADistrict(role) ? Districts.FIRST : null);
    }

    public Actor {
        if (district == null && belongsToADistrict(role)) {
            district = Districts.FIRST;
        }
    }

    private static boolean belongsToADistrict(Role role) {
        return role == Role.STAFF || role == Role.COORDINATOR || role == Role.LEADERSHIP || role == Role.ANALYST;
    }

    /** The system acting for one district (seeding its directory, say). */
    public static Actor systemOf(String district) {
        return new Actor(SYSTEM.userId(), null, Role.SYSTEM, district);
    }

    public boolean isCoordinator() {
        return role == Role.COORDINATOR;
    }

    public boolean actsFor(String organisation) {
        return role == Role.STAFF && orgId != null && orgId.equals(organisation);
    }

    /** Whether this actor may read what belongs to the district: their own, or any for the city level. */
    public boolean mayRead(String district) {
        if (role == Role.CITY || role == Role.SYSTEM) {
            return true;
        }
        return this.district != null && this.district.equals(district);
    }

    /** A user of one district (staff, coordinator, leadership, analyst), bound to it for every read and write. */
    public boolean isBoundToDistrict() {
        return belongsToADistrict(role);
    }
}
