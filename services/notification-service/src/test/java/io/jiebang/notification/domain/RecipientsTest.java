package io.jiebang.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.events.Actor;
import io.jiebang.platform.domain.Rejection;
import org.junit.jupiter.api.Test;

class RecipientsTest {

    static final Actor STAFF = new Actor("u1", "street-01", Actor.Role.STAFF);
    static final Actor COORDINATOR = new Actor("c", null, Actor.Role.COORDINATOR);
    static final Actor LEADER = new Actor("leader", null, Actor.Role.LEADERSHIP);
    static final Actor ANALYST = new Actor("a", null, Actor.Role.ANALYST);

    @Test
    void staffReadTheirOrganisationsInboxAndEachDistrictRoleItsOwn() {
        assertThat(Recipients.inboxOf(STAFF)).isEqualTo("street-01");
        assertThat(Recipients.inboxOf(COORDINATOR)).isEqualTo(Recipients.COORDINATOR);
        assertThat(Recipients.inboxOf(LEADER)).isEqualTo(Recipients.LEADERSHIP);
        refused(() -> Recipients.inboxOf(ANALYST), Rejection.Kind.FORBIDDEN, "no-inbox");
        refused(() -> Recipients.inboxOf(new Actor("u2", null, Actor.Role.STAFF)), Rejection.Kind.FORBIDDEN, "no-inbox");
    }

    @Test
    void staffManageTheirOwnSettingsLeadershipItsOwnCoordinatorsAllOfTheirDistrict() {
        assertThatCode(() -> Recipients.checkMayManage(STAFF, "street-01", null)).doesNotThrowAnyException();
        refused(() -> Recipients.checkMayManage(STAFF, "street-02", null), Rejection.Kind.FORBIDDEN, "not-your-notifications");
        refused(() -> Recipients.checkMayManage(STAFF, Recipients.COORDINATOR, null), Rejection.Kind.FORBIDDEN, "not-your-notifications");
        for (String anyone : new String[] {Recipients.COORDINATOR, Recipients.LEADERSHIP}) {
            assertThatCode(() -> Recipients.checkMayManage(COORDINATOR, anyone, null)).doesNotThrowAnyException();
        }
        assertThatCode(() -> Recipients.checkMayManage(COORDINATOR, "street-02", "d1")).doesNotThrowAnyException();
        assertThatCode(() -> Recipients.checkMayManage(LEADER, Recipients.LEADERSHIP, null)).doesNotThrowAnyException();
        refused(() -> Recipients.checkMayManage(LEADER, Recipients.COORDINATOR, null), Rejection.Kind.FORBIDDEN, "not-your-notifications");
        refused(() -> Recipients.checkMayManage(new Actor("l2", "street-01", Actor.Role.LEADERSHIP), "street-01", null),
                Rejection.Kind.FORBIDDEN, "not-your-notifications");
        refused(() -> Recipients.checkMayManage(ANALYST, "street-01", null), Rejection.Kind.FORBIDDEN, "not-your-notifications");
    }

    @Test
    void eachDistrictHasItsOwnCoordinatorsAndLeadershipWhoManageNothingOfAnotherDistrict() {
        Actor otherCoordinator = new Actor("c2", null, Actor.Role.COORDINATOR, "d2");
        Actor otherLeader = new Actor("l2", null, Actor.Role.LEADERSHIP, "d2");
        assertThat(Recipients.inboxOf(otherCoordinator)).isEqualTo("coordinator-d2");
        assertThat(Recipients.inboxOf(otherLeader)).isEqualTo("leadership-d2");
        assertThatCode(() -> Recipients.checkMayManage(otherCoordinator, "leadership-d2", null)).doesNotThrowAnyException();
        assertThatCode(() -> Recipients.checkMayManage(otherCoordinator, "d2-street-01", "d2")).doesNotThrowAnyException();
        for (String theFirstDistricts : new String[] {Recipients.COORDINATOR, Recipients.LEADERSHIP, "street-01"}) {
            refused(() -> Recipients.checkMayManage(otherCoordinator, theFirstDistricts, "d1"), Rejection.Kind.FORBIDDEN,
                    "not-your-notifications");
        }
        refused(() -> Recipients.checkMayManage(COORDINATOR, "d2-street-01", "d2"), Rejection.Kind.FORBIDDEN,
                "not-your-notifications");
        refused(() -> Recipients.checkMayManage(COORDINATOR, "unheard-of", null), Rejection.Kind.FORBIDDEN,
                "not-your-notifications");
        refused(() -> Recipients.checkMayManage(otherLeader, Recipients.LEADERSHIP, null), Rejection.Kind.FORBIDDEN,
                "not-your-notifications");
    }

    @Test
    void aRecipientIsAPlainId() {
        refused(() -> Recipients.checkMayManage(COORDINATOR, "a b", null), Rejection.Kind.INVALID, "recipient-invalid");
        refused(() -> Recipients.checkMayManage(COORDINATOR, "x".repeat(101), null), Rejection.Kind.INVALID, "recipient-invalid");
    }

    static void refused(Runnable call, Rejection.Kind kind, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Rejection.class, rejection -> {
            assertThat(rejection.kind()).isEqualTo(kind);
            assertThat(rejection.code()).isEqualTo(code);
        });
    }
}
