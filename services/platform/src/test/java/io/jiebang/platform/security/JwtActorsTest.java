package io.jiebang.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.jiebang.events.Actor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtActorsTest {

    @Test
    void theStrongestRoleWins() {
        assertThat(JwtActors.role(List.of("STAFF", "COORDINATOR"))).isEqualTo(Actor.Role.COORDINATOR);
        assertThat(JwtActors.role(List.of("LEADERSHIP", "STAFF"))).as("staff who lead still act for their organisation")
                .isEqualTo(Actor.Role.STAFF);
        assertThat(JwtActors.role(List.of("ANALYST", "LEADERSHIP"))).isEqualTo(Actor.Role.LEADERSHIP);
        assertThat(JwtActors.role(List.of())).isEqualTo(Actor.Role.ANALYST);
    }

    @Test
    void districtLeadershipIsReadFromTheToken() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("leader").claim(JwtActors.ROLES_CLAIM, List.of("LEADERSHIP"))
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60)).build();
        assertThat(JwtActors.toActor(token)).isEqualTo(new Actor("leader", null, Actor.Role.LEADERSHIP));
    }

    @Test
    void theDistrictIsReadFromTheTokenTheFirstWhenNoneAndNoneForTheCityLevel() {
        assertThat(JwtActors.toActor(token("c2", List.of("COORDINATOR"), "d2")).district()).isEqualTo("d2");
        assertThat(JwtActors.toActor(token("c1", List.of("COORDINATOR"), null)).district()).as("tokens from before districts")
                .isEqualTo("d1");
        Actor city = JwtActors.toActor(token("city", List.of("CITY"), "d2"));
        assertThat(city.role()).isEqualTo(Actor.Role.CITY);
        assertThat(city.district()).isNull();
        assertThat(city.mayRead("d1")).isTrue();
        assertThat(city.mayRead("d2")).isTrue();
        assertThat(JwtActors.toActor(token("a2", List.of("ANALYST"), "d2")).mayRead("d1")).isFalse();
    }

    private static Jwt token(String user, List<String> roles, String district) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject(user).claim(JwtActors.ROLES_CLAIM, roles)
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60));
        if (district != null) {
            token.claim(JwtActors.DISTRICT_CLAIM, district);
        }
        return token.build();
    }
}
