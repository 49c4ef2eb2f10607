package io.jiebang.topic.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.directory.StaffCredentialsReset;
import io.jiebang.events.directory.StaffDeactivated;
import io.jiebang.events.directory.StaffInvited;
import io.jiebang.events.directory.StaffMoved;
import io.jiebang.events.directory.StaffRole;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.platform.domain.Aggregate;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A staff account of the directory, kept by the district's coordinator (docs/administration.md). Its credentials are
 * not here: only the SHA-256 of a one-time activation code travels, and the console keeps the password's hash.
 */
public final class StaffAccount implements Aggregate {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private final String username;
    private StaffRole role;
    private String orgId;
    private boolean deactivated;

    public StaffAccount(String username) {
        this.username = username;
    }

    /** The seed registers its accounts once, without a code: their credentials are the seed's (demo) password. */
    public List<DomainEvent> seed(String displayName, StaffRole seededRole, String seededOrgId) {
        return exists() ? List.of() : List.of(new StaffInvited(username, displayName, seededRole, seededOrgId, null, null));
    }

    /**
     * A coordinator opens the account for a person.
     *
     * @param org the organisation a {@code STAFF} account acts for; null for the other roles
     */
    public List<DomainEvent> invite(Actor actor, String displayName, StaffRole wantedRole, Organisation org,
                                    ActivationCode code) {
        Organisation.requireCoordinator(actor);
        if (!USERNAME.matcher(username).matches()) {
            throw Rejection.invalid("username", "username-format",
                    "a username has 2 to 40 lower-case letters, digits, dots, underscores and hyphens");
        }
        if (exists()) {
            throw Rejection.conflict("staff-exists", "there is already an account {0}", username);
        }
        if (wantedRole == StaffRole.CITY) {
            throw Rejection.forbidden("city-role-not-district", "a district coordinator neither opens nor changes city-level accounts");
        }
        requireOrgFits(wantedRole, org);
        return List.of(new StaffInvited(username, displayName, wantedRole, org == null ? null : org.id(), code.hash(),
                code.expiresAt()));
    }

    public List<DomainEvent> resetCredentials(Actor actor, ActivationCode code) {
        requireChangeable(actor);
        return List.of(new StaffCredentialsReset(username, code.hash(), code.expiresAt()));
    }

    public List<DomainEvent> move(Actor actor, Organisation org) {
        requireChangeable(actor);
        if (role != StaffRole.STAFF) {
            throw Rejection.invalid("orgId", "staff-org-not-allowed", "only a STAFF account acts for an organisation");
        }
        org.requireActive("orgId");
        return org.id().equals(orgId) ? List.of() : List.of(new StaffMoved(username, org.id()));
    }

    public List<DomainEvent> deactivate(Actor actor) {
        requireChangeable(actor);
        if (username.equals(actor.userId())) {
            throw Rejection.conflict("staff-self", "a coordinator does not deactivate their own account");
        }
        return List.of(new StaffDeactivated(username));
    }

    private static void requireOrgFits(StaffRole wantedRole, Organisation org) {
        if (wantedRole == StaffRole.STAFF) {
            if (org == null) {
                throw Rejection.invalid("orgId", "staff-org-required", "a STAFF account acts for an organisation");
            }
            org.requireActive("orgId");
        } else if (org != null) {
            throw Rejection.invalid("orgId", "staff-org-not-allowed", "only a STAFF account acts for an organisation");
        }
    }

    private void requireChangeable(Actor actor) {
        Organisation.requireCoordinator(actor);
        if (!exists()) {
            throw Rejection.notFound("unknown-staff", "there is no account {0}", username);
        }
        if (deactivated) {
            throw Rejection.conflict("staff-deactivated", "account {0} is deactivated", username);
        }
        if (role == StaffRole.CITY) {
            throw Rejection.forbidden("city-role-not-district", "a district coordinator neither opens nor changes city-level accounts");
        }
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof StaffInvited invited) {
            role = invited.role();
            orgId = invited.orgId();
        } else if (event.data() instanceof StaffMoved moved) {
            orgId = moved.orgId();
        } else if (event.data() instanceof StaffDeactivated) {
            deactivated = true;
        }
    }

    public boolean exists() {
        return role != null;
    }

    public String username() {
        return username;
    }

    /**
     * A one-time code the person sets their password with: shown once to the coordinator, its hash in the event.
     *
     * @param hash the SHA-256 of the code, hex
     */
    public record ActivationCode(String code, String hash, Instant expiresAt) {
    }
}
