package io.jiebang.platform.security;

import io.jiebang.events.Actor;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads who is calling from a verified token: {@code sub} is the user, {@code org} the organisation they act
 * for, {@code roles} their roles (STAFF, COORDINATOR, LEADERSHIP, ANALYST). An OIDC issuer in production is configured
 * to put the same claims in its tokens.
 */
public final class JwtActors {

    public static final String ORG_CLAIM = "org";
    public static final String ORG_KIND_CLAIM = "org_kind";
    public static final String ROLES_CLAIM = "roles";

    private JwtActors() {
    }

    public static Actor toActor(Jwt jwt) {
        return new Actor(jwt.getSubject(), jwt.getClaimAsString(ORG_CLAIM), role(roles(jwt)));
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
     * escalations go to.
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
        return Actor.Role.ANALYST;
    }
}
