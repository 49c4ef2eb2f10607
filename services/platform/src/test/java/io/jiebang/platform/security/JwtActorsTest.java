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
}
