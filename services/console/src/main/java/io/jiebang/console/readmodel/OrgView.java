package io.jiebang.console.readmodel;

import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.OrgEvent;
import io.jiebang.events.directory.OrgMoved;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.directory.OrgRenamed;
import io.jiebang.events.directory.OrgRetired;

/**
 * An organisation of the directory, as its coordinator keeps it (docs/administration.md).
 *
 * @param retired it posts, claims and is assigned no more; its name stays on what it did
 * @param district the district it belongs to (docs/tenancy.md)
 */
public record OrgView(String id, String name, String nameEn, OrgKind kind, String parentId, boolean retired,
                      String district) {

    /** A view stored before districts existed is the first district's. */
    public OrgView {
        district = district == null ? io.jiebang.events.Districts.FIRST : district;
    }

    public OrgView(String id, String name, String nameEn, OrgKind kind, String parentId) {
        this(id, name, nameEn, kind, parentId, false, null);
    }

    /** This view after the event of the district; a registration before any other event starts it (null: none yet). */
    public static OrgView apply(OrgView view, OrgEvent event, String district) {
        if (event instanceof OrgRegistered o) {
            return new OrgView(o.orgId(), o.name(), o.nameEn(), o.kind(), o.parentId(), false, district);
        }
        if (view == null) {
            return null;
        }
        if (event instanceof OrgRenamed renamed) {
            return new OrgView(view.id, renamed.name(), renamed.nameEn(), view.kind, view.parentId, view.retired,
                    view.district);
        }
        if (event instanceof OrgMoved moved) {
            return new OrgView(view.id, view.name, view.nameEn, view.kind, moved.parentId(), view.retired, view.district);
        }
        if (event instanceof OrgRetired) {
            return new OrgView(view.id, view.name, view.nameEn, view.kind, view.parentId, true, view.district);
        }
        return view;
    }
}
