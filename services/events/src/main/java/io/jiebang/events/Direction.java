package io.jiebang.events;

/** Which way a topic goes; implied by the poster's kind. */
public enum Direction {
    /** 基层出题、部门解题: a street posts, departments solve. */
    STREET_TO_DEPARTMENT,
    /** 部门点题、基层答题: a department posts, streets answer. */
    DEPARTMENT_TO_STREET;

    public static Direction postedBy(OrgKind poster) {
        return poster == OrgKind.STREET ? STREET_TO_DEPARTMENT : DEPARTMENT_TO_STREET;
    }

    public OrgKind claimantKind() {
        return this == STREET_TO_DEPARTMENT ? OrgKind.DEPARTMENT : OrgKind.STREET;
    }

    public OrgKind posterKind() {
        return claimantKind().other();
    }
}
