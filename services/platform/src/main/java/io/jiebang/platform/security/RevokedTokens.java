package io.jiebang.platform.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens signed out before they expire. A service that has such a list (the console, which signs people out)
 * declares it as a bean, and its requests carrying a revoked token are refused with 401 like an expired one.
 */
public interface RevokedTokens {

    boolean isRevoked(Jwt token);
}
