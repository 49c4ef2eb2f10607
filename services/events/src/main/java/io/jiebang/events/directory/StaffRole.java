package io.jiebang.events.directory;

/** What a staff account does on the board; only {@code STAFF} acts for an organisation. */
public enum StaffRole {
    STAFF, COORDINATOR, LEADERSHIP, ANALYST
}
