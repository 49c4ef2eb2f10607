package io.jiebang.topic.domain;

import io.jiebang.events.Actor;
import io.jiebang.events.OrgKind;
import io.jiebang.events.directory.OrgMoved;
import io.jiebang.events.directory.OrgRegistered;
import io.jiebang.events.directory.OrgRenamed;
import io.jiebang.events.directory.OrgRetired;
import io.jiebang.events.directory.StaffCredentialsReset;
import io.jiebang.events.directory.StaffDeactivated;
import io.jiebang.events.directory.StaffInvited;
import io.jiebang.events.directory.StaffMoved;
import io.jiebang.events.directory.StaffRole;
import io.jiebang.platform.domain.Rejection;
import io.jiebang.testsupport.AggregateScenario;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator's administration of organisations and staff accounts (docs/administration.md). */
class DirectoryTest {

    static final Actor COORDINATOR = new Actor("coordinator", null, Actor.Role.COORDINATOR);
    static final Actor STAFF = new Actor("street-01", "street-01", Actor.Role.STAFF);
    static final StaffAccount.ActivationCode CODE = new StaffAccount.ActivationCode("c0de", "hash-of-c0de",
            Instant.parse("2026-03-08T00:00:00Z"));
    static final OrgRegistered STREET_02 = new OrgRegistered("street-02", "二街", "Street 2", OrgKind.STREET, null);

    static Organisation org(String id, Object... events) {
        Organisation org = new Organisation(id);
        AggregateScenario.of(org).given(java.util.Arrays.stream(events).map(e -> (io.jiebang.events.DomainEvent) e)
                .toArray(io.jiebang.events.DomainEvent[]::new));
        return org;
    }

    @Test
    void aCoordinatorAddsRenamesMovesAndRetiresAnOrganisation() {
        Organisation parent = org("street-02", STREET_02);
        OrgRegistered added = new OrgRegistered("street-09", "九街", "Street 9", OrgKind.STREET, "street-02");
        OrgRenamed renamed = new OrgRenamed("street-09", "九街道", "Street Nine");
        AggregateScenario.of(new Organisation("street-09"))
                .when(o -> o.add(COORDINATOR, "九街", "Street 9", OrgKind.STREET, parent)).expect(added).given(added)
                .when(o -> o.rename(COORDINATOR, "九街道", "Street Nine")).expect(renamed).given(renamed)
                .when(o -> o.rename(COORDINATOR, "九街道", "Street Nine")).expectNothing()
                .when(o -> o.move(COORDINATOR, null, List.of())).expect(new OrgMoved("street-09", null))
                .when(o -> o.move(COORDINATOR, parent, List.of())).expectNothing()
                .when(o -> o.retire(COORDINATOR)).expect(new OrgRetired("street-09")).given(new OrgRetired("street-09"))
                .when(o -> o.rename(COORDINATOR, "又改", null)).rejected(Rejection.Kind.CONFLICT, "organisation-retired")
                .when(o -> o.retire(COORDINATOR)).rejected(Rejection.Kind.CONFLICT, "organisation-retired");
    }

    @Test
    void onlyACoordinatorAdministersAndIdsAreChecked() {
        AggregateScenario.of(new Organisation("street-09"))
                .when(o -> o.add(STAFF, "九街", null, OrgKind.STREET, null)).rejected(Rejection.Kind.FORBIDDEN, "directory-coordinator-only")
                .when(o -> o.rename(COORDINATOR, "九街", null)).rejected(Rejection.Kind.NOT_FOUND, "unknown-organisation");
        AggregateScenario.of(new Organisation("Street 9"))
                .when(o -> o.add(COORDINATOR, "九街", null, OrgKind.STREET, null)).rejected(Rejection.Kind.INVALID, "organisation-id-format");
        AggregateScenario.of(new Organisation("street-02")).given(STREET_02)
                .when(o -> o.add(COORDINATOR, "二街", null, OrgKind.STREET, null)).rejected(Rejection.Kind.CONFLICT, "organisation-exists");
        AggregateScenario.of(new Organisation("street-09"))
                .when(o -> o.add(COORDINATOR, "九街", null, OrgKind.STREET, new Organisation("nowhere")))
                .rejected(Rejection.Kind.INVALID, "unknown-parent");
    }

    @Test
    void anOrganisationIsNeverPutBelowItself() {
        Organisation child = org("street-03", new OrgRegistered("street-03", "三街", null, OrgKind.STREET, "street-02"));
        AggregateScenario.of(new Organisation("street-02")).given(STREET_02)
                .when(o -> o.move(COORDINATOR, child, List.of("street-02"))).rejected(Rejection.Kind.INVALID, "parent-cycle")
                .when(o -> o.move(COORDINATOR, org("street-02", STREET_02), List.of())).rejected(Rejection.Kind.INVALID, "parent-cycle");
    }

    @Test
    void anAccountIsInvitedResetMovedAndDeactivatedWithOnlyItsCodesHash() {
        Organisation street = org("street-02", STREET_02);
        StaffInvited invited = new StaffInvited("wang.xm", "王小明", StaffRole.STAFF, "street-02", "hash-of-c0de", CODE.expiresAt());
        AggregateScenario.of(new StaffAccount("wang.xm"))
                .when(a -> a.resetCredentials(COORDINATOR, CODE)).rejected(Rejection.Kind.NOT_FOUND, "unknown-staff")
                .when(a -> a.invite(COORDINATOR, "王小明", StaffRole.STAFF, street, CODE)).expect(invited).given(invited)
                .when(a -> a.invite(COORDINATOR, "王小明", StaffRole.STAFF, street, CODE)).rejected(Rejection.Kind.CONFLICT, "staff-exists")
                .when(a -> a.resetCredentials(COORDINATOR, CODE))
                .expect(new StaffCredentialsReset("wang.xm", "hash-of-c0de", CODE.expiresAt()))
                .when(a -> a.move(COORDINATOR, street)).expectNothing()
                .when(a -> a.move(COORDINATOR, org("street-04", new OrgRegistered("street-04", "四街", null, OrgKind.STREET, null))))
                .expect(new StaffMoved("wang.xm", "street-04"))
                .when(a -> a.deactivate(COORDINATOR)).expect(new StaffDeactivated("wang.xm")).given(new StaffDeactivated("wang.xm"))
                .when(a -> a.resetCredentials(COORDINATOR, CODE)).rejected(Rejection.Kind.CONFLICT, "staff-deactivated");
        AggregateScenario.of(new StaffAccount("li.si")).given(new StaffInvited("li.si", "李四", StaffRole.ANALYST, null, null, null))
                .when(a -> a.move(COORDINATOR, street)).rejected(Rejection.Kind.INVALID, "staff-org-not-allowed");
    }

    @Test
    void anAccountsOrganisationFitsItsRole() {
        Organisation retired = org("street-05", new OrgRegistered("street-05", "五街", null, OrgKind.STREET, null),
                new OrgRetired("street-05"));
        AggregateScenario.of(new StaffAccount("a1"))
                .when(a -> a.invite(COORDINATOR, "A", StaffRole.STAFF, null, CODE)).rejected(Rejection.Kind.INVALID, "staff-org-required")
                .when(a -> a.invite(COORDINATOR, "A", StaffRole.ANALYST, org("street-02", STREET_02), CODE))
                .rejected(Rejection.Kind.INVALID, "staff-org-not-allowed")
                .when(a -> a.invite(COORDINATOR, "A", StaffRole.STAFF, retired, CODE)).rejected(Rejection.Kind.CONFLICT, "organisation-retired")
                .when(a -> a.invite(STAFF, "A", StaffRole.STAFF, org("street-02", STREET_02), CODE))
                .rejected(Rejection.Kind.FORBIDDEN, "directory-coordinator-only");
        AggregateScenario.of(new StaffAccount("Bad Name"))
                .when(a -> a.invite(COORDINATOR, "A", StaffRole.ANALYST, null, CODE)).rejected(Rejection.Kind.INVALID, "username-format");
        AggregateScenario.of(new StaffAccount("coordinator"))
                .given(new StaffInvited("coordinator", "C", StaffRole.COORDINATOR, null, null, null))
                .when(a -> a.deactivate(COORDINATOR)).rejected(Rejection.Kind.CONFLICT, "staff-self");
    }

    @Test
    void cityLevelAccountsAreNoDistrictCoordinatorsToOpenOrChange() {
        AggregateScenario.of(new StaffAccount("city2"))
                .when(a -> a.invite(COORDINATOR, "市级", StaffRole.CITY, null, CODE))
                .rejected(Rejection.Kind.FORBIDDEN, "city-role-not-district");
        AggregateScenario.of(new StaffAccount("city")).given(new StaffInvited("city", "市级", StaffRole.CITY, null, null, null))
                .when(a -> a.resetCredentials(COORDINATOR, CODE)).rejected(Rejection.Kind.FORBIDDEN, "city-role-not-district")
                .when(a -> a.deactivate(COORDINATOR)).rejected(Rejection.Kind.FORBIDDEN, "city-role-not-district");
    }
}
