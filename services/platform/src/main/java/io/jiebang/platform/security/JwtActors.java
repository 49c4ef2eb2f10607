package io.jiebang.platform.security;

import io.jiebang.events.Actor;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads who is calling from a verified token: {@code sub} is the user, {@code org} the organisation they act
 * for, {@code roles} their roles (STAFF, COORDINATOR, LEADERSHIP, ANALYST, CITY), {@code district} the district they
 * belong to (none for CITY; a token without it is the first district's, {@link io.jiebang.events.Districts#FIRST}).
 * An OIDC issuer in production is configured to put the same claims in its tokens.
 */
public final class JwtActors {

    public static final String ORG_CLAIM = "org";
    public static final String ORG_KIND_CLAIM = "org_kind";
    public static final String ROLES_CLAIM = "roles";
    public static final String DISTRICT_CLAIM = "district";

    private JwtActors() {
    }

    public static Actor toActor(Jwt jwt) {
        Actor.Role role = role(roles(jwt));
        return new Actor(jwt.getSubject(), jwt.getClaimAsString(ORG_CLAIM), role,
                role == Actor.Role.CITY ? null : jwt.getClaimAsString(DISTRICT_CLAIM));
    }

    public static List<String> roles(Jwt jwt) {
        Object roles = jwt.getClaims().get(ROLES_CLAIM);
        if (roles instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return roles == null ? List.of() : List.of(String.valueOf(roles));
    }

    /**
     * The strongest role wins: a coordinator who is also staff acts as coordinator; staff who are also district
     * leadership act for their organisation. Leadership reads the board as an analyst does and is who level-3
     * escalations go to. The city level reads every district and writes nothing.
     */
    static Actor.Role role(List<String> roles) {
        if (roles.contains(Actor.Role.COORDINATOR.name())) {
            return Actor.Role.COORDINATOR;
        }
        if (roles.contains(Actor.Role.STAFF.name())) {
            return Actor.Role.STAFF;
        }
        if (roles.contains(Actor.Role.LEADERSHIP.name())) {
            return Actor.Role.LEADERSHIP;
        }
        if (roles.contains(Actor.Role.CITY.name())) {
            return Actor.Role.CITY;
        }
        return Actor.Role.ANALYST;
    }
}
