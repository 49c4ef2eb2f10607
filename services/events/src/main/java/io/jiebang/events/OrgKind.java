package io.jiebang.events;

/** Departments (部门) and street offices (镇街): the two sides of the board. */
public enum OrgKind {
    DEPARTMENT, STREET;

    public OrgKind other() {
        return this == DEPARTMENT ? STREET : DEPARTMENT;
    }
}
