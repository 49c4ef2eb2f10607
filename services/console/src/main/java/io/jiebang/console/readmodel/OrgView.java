package io.jiebang.console.readmodel;

import io.jiebang.events.OrgKind;

/** An organisation of the directory. */
public record OrgView(String id, String name, String nameEn, OrgKind kind, String parentId) {
}
