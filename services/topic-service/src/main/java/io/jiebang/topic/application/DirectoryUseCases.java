package io.jiebang.topic.application;

import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.StaffRole;
import io.jiebang.platform.Sha256;
import io.jiebang.platform.command.Answers;
import io.jiebang.platform.command.CommandExecutor;
import io.jiebang.platform.command.CommandMeta;
import io.jiebang.platform.command.Outcome;
import io.jiebang.topic.domain.Organisation;
import io.jiebang.topic.domain.StaffAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Keeps the directory: the taxonomy as configured, organisations and staff accounts as seeded and as the district's
 * coordinator administers them (docs/administration.md).
 */
@Service
public class DirectoryUseCases {

    /** How long an activation code sets a password. */
    public static final Duration ACTIVATION_VALIDITY = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandExecutor executor;
    private final Answers answers;
    private final Clock clock;

    public DirectoryUseCases(CommandExecutor executor, Answers answers, Clock clock) {
        this.executor = executor;
        this.answers = answers;
        this.clock = clock;
    }

    public record OrgChanged(String id) {
    }

    /** The one answer that shows the activation code; the event carries only its hash. */
    public record Activation(String username, String activationCode, Instant activationExpiresAt) {
    }

    public record StaffChanged(String username) {
    }

    /** A district joins the deployment (from the seed: districts are the deployment's, not a coordinator's). */
    public Mono<Void> registerDistrict(String id, String name, String nameEn) {
        return executor.execute(TopicStreams.DISTRICTS, id, CommandMeta.system(id), null,
                district -> district.register(name, nameEn)).then();
    }

    public Mono<Void> registerOrganisation(String district, String id, String name, String nameEn, OrgKind kind,
                                           String parentId) {
        return executor.execute(TopicStreams.ORGANISATIONS, id, CommandMeta.system(district), null,
                org -> org.register(name, nameEn, kind, parentId)).then();
    }

    public Mono<Void> seedStaff(String district, String username, String displayName, StaffRole role, String orgId) {
        return executor.execute(TopicStreams.STAFF, username, CommandMeta.system(district), null,
                account -> account.seed(displayName, role, orgId)).then();
    }

    public Mono<Void> defineCategory(String code, String name, String nameEn, String classCode, String className,
                                     String classNameEn) {
        return executor.execute(TopicStreams.CATEGORIES, code, CommandMeta.system(), null,
                category -> category.define(name, nameEn, classCode, className, classNameEn)).then();
    }

    public Mono<Outcome> addOrganisation(CommandMeta meta, String id, String name, String nameEn, OrgKind kind,
                                         String parentId) {
        return organisation(meta, parentId).flatMap(parent -> executor.execute(TopicStreams.ORGANISATIONS, id, meta,
                answers.created(orgLocation(id), new OrgChanged(id)),
                org -> org.add(meta.actor(), name, nameEn, kind, parent.orElse(null))));
    }

    public Mono<Outcome> renameOrganisation(CommandMeta meta, String id, String name, String nameEn) {
        return executor.execute(TopicStreams.ORGANISATIONS, id, meta, answers.accepted(orgLocation(id), new OrgChanged(id)),
                org -> org.rename(meta.actor(), name, nameEn));
    }

    /** @param parentId null: the top level */
    public Mono<Outcome> moveOrganisation(CommandMeta meta, String id, String parentId) {
        return organisation(meta, parentId).flatMap(parent -> ancestors(parent.orElse(null), new ArrayList<>())
                .flatMap(above -> executor.execute(TopicStreams.ORGANISATIONS, id, meta,
                        answers.accepted(orgLocation(id), new OrgChanged(id)),
                        org -> org.move(meta.actor(), parent.orElse(null), above))));
    }

    public Mono<Outcome> retireOrganisation(CommandMeta meta, String id) {
        return executor.execute(TopicStreams.ORGANISATIONS, id, meta, answers.accepted(orgLocation(id), new OrgChanged(id)),
                org -> org.retire(meta.actor()));
    }

    /** @param orgId null for the roles other than {@code STAFF} */
    public Mono<Outcome> inviteStaff(CommandMeta meta, String username, String displayName, StaffRole role, String orgId) {
        StaffAccount.ActivationCode code = newCode();
        return organisation(meta, orgId).flatMap(org -> executor.execute(TopicStreams.STAFF, username, meta,
                answers.created(staffLocation(username), new Activation(username, code.code(), code.expiresAt())),
                account -> account.invite(meta.actor(), displayName, role, org.orElse(null), code)));
    }

    public Mono<Outcome> resetCredentials(CommandMeta meta, String username) {
        StaffAccount.ActivationCode code = newCode();
        return executor.execute(TopicStreams.STAFF, username, meta,
                answers.accepted(staffLocation(username), new Activation(username, code.code(), code.expiresAt())),
                account -> account.resetCredentials(meta.actor(), code));
    }

    public Mono<Outcome> moveStaff(CommandMeta meta, String username, String orgId) {
        return executor.readFor(meta.actor(), TopicStreams.ORGANISATIONS, orgId).flatMap(org -> executor.execute(TopicStreams.STAFF, username,
                meta, answers.accepted(staffLocation(username), new StaffChanged(username)),
                account -> account.move(meta.actor(), org)));
    }

    public Mono<Outcome> deactivateStaff(CommandMeta meta, String username) {
        return executor.execute(TopicStreams.STAFF, username, meta,
                answers.accepted(staffLocation(username), new StaffChanged(username)),
                account -> account.deactivate(meta.actor()));
    }

    private Mono<Optional<Organisation>> organisation(CommandMeta meta, String id) {
        return id == null ? Mono.just(Optional.empty())
                : executor.readFor(meta.actor(), TopicStreams.ORGANISATIONS, id).map(Optional::of);
    }

    /** The ids above {@code org}, nearest first, for the cycle check of a move; as far as {@link Organisation#MAX_DEPTH}. */
    private Mono<List<String>> ancestors(Organisation org, List<String> found) {
        if (org == null || org.parentId() == null || found.size() >= Organisation.MAX_DEPTH) {
            return Mono.just(found);
        }
        found.add(org.parentId());
        return executor.read(TopicStreams.ORGANISATIONS, org.parentId()).flatMap(parent -> ancestors(parent, found));
    }

    private StaffAccount.ActivationCode newCode() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new StaffAccount.ActivationCode(code, Sha256.hex(code), clock.instant().plus(ACTIVATION_VALIDITY));
    }

    private static String orgLocation(String id) {
        return "/api/orgs/" + id;
    }

    private static String staffLocation(String username) {
        return "/api/staff/" + username;
    }
}
