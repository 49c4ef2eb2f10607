package io.jiebang.topic.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.DomainEvent;
import io.jiebang.events.EventEnvelope;
import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.OrgMoved;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.directory.OrgRenamed;
import io.jiebang.events.directory.OrgRetired;
import io.jiebang.platform.domain.Aggregate;
import io.jiebang.platform.domain.Rejection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A department or street office in the board's directory, kept by the district's coordinator (docs/administration.md). */
public final class Organisation implements Aggregate {

    /** How far up a chain of parents is followed when a move is checked for a cycle: deeper than any real directory. */
    public static final int MAX_DEPTH = 16;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

    private final String id;
    private OrgKind kind;
    private String name;
    private String nameEn;
    private String parentId;
    private boolean retired;

    public Organisation(String id) {
        this.id = id;
    }

    /** Registers the organisation once from the seed; registering it again changes nothing. */
    public List<DomainEvent> register(String name, String nameEn, OrgKind kind, String parentId) {
        if (isRegistered()) {
            return List.of();
        }
        return List.of(new OrgRegistered(id, name, nameEn, kind, parentId));
    }

    /**
     * A coordinator adds the organisation.
     *
     * @param parent the wanted parent, or null for the top level
     */
    public List<DomainEvent> add(Actor actor, String name, String nameEn, OrgKind kind, Organisation parent) {
        requireCoordinator(actor);
        if (!ID.matcher(id).matches()) {
            throw Rejection.invalid("id", "organisation-id-format",
                    "an organisation id has 2 to 40 lower-case letters, digits and hyphens");
        }
        if (isRegistered()) {
            throw Rejection.conflict("organisation-exists", "there is already an organisation {0}", id);
        }
        if (parent != null) {
            parent.requireUsableAsParent();
        }
        return List.of(new OrgRegistered(id, name, nameEn, kind, parent == null ? null : parent.id));
    }

    public List<DomainEvent> rename(Actor actor, String newName, String newNameEn) {
        requireChangeable(actor);
        if (newName.equals(name) && Objects.equals(newNameEn, nameEn)) {
            return List.of();
        }
        return List.of(new OrgRenamed(id, newName, newNameEn));
    }

    /**
     * Puts the organisation under another parent.
     *
     * @param parent the wanted parent, or null for the top level
     * @param ancestors the ids above the wanted parent, nearest first, as far as {@link #MAX_DEPTH}
     */
    public List<DomainEvent> move(Actor actor, Organisation parent, List<String> ancestors) {
        requireChangeable(actor);
        if (parent != null) {
            parent.requireUsableAsParent();
            if (parent.id.equals(id) || ancestors.contains(id)) {
                throw Rejection.invalid("parentId", "parent-cycle", "{0} cannot be put below itself", id);
            }
        }
        String wanted = parent == null ? null : parent.id;
        return Objects.equals(wanted, parentId) ? List.of() : List.of(new OrgMoved(id, wanted));
    }

    public List<DomainEvent> retire(Actor actor) {
        requireChangeable(actor);
        return List.of(new OrgRetired(id));
    }

    /** An organisation that may still post, claim, be assigned, or have staff. */
    public void requireActive(String field) {
        if (!isRegistered()) {
            throw Rejection.invalid(field, "unknown-organisation", "there is no organisation {0}", id);
        }
        if (retired) {
            throw Rejection.conflict("organisation-retired", "{0} is retired", id);
        }
    }

    private void requireUsableAsParent() {
        if (!isRegistered()) {
            throw Rejection.invalid("parentId", "unknown-parent", "there is no organisation {0} to be the parent", id);
        }
        if (retired) {
            throw Rejection.conflict("organisation-retired", "{0} is retired", id);
        }
    }

    private void requireChangeable(Actor actor) {
        requireCoordinator(actor);
        if (!isRegistered()) {
            throw Rejection.notFound("unknown-organisation", "there is no organisation {0}", id);
        }
        if (retired) {
            throw Rejection.conflict("organisation-retired", "{0} is retired", id);
        }
    }

    static void requireCoordinator(Actor actor) {
        if (!actor.isCoordinator()) {
            throw Rejection.forbidden("directory-coordinator-only", "only a coordinator administers the directory");
        }
    }

    @Override
    public void apply(EventEnvelope event) {
        if (event.data() instanceof OrgRegistered registered) {
            kind = registered.kind();
            name = registered.name();
            nameEn = registered.nameEn();
            parentId = registered.parentId();
        } else if (event.data() instanceof OrgRenamed renamed) {
            name = renamed.name();
            nameEn = renamed.nameEn();
        } else if (event.data() instanceof OrgMoved moved) {
            parentId = moved.parentId();
        } else if (event.data() instanceof OrgRetired) {
            retired = true;
        }
    }

    public boolean isRegistered() {
        return kind != null;
    }

    public boolean isRetired() {
        return retired;
    }

    public String id() {
        return id;
    }

    public OrgKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String parentId() {
        return parentId;
    }
}
