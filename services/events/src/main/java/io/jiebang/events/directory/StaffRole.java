package io.jiebang.events.directory;

/**
 * What a staff account does on the board; only {@code STAFF} acts for an organisation. {@code CITY}: the city or
 * province level, reading every district and writing nothing; not a district's account (docs/tenancy.md).
 */
public enum StaffRole {
    STAFF, COORDINATOR, LEADERSHIP, ANALYST, CITY
}
