package io.jiebang.console.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Present while the console is its own token issuer (the default). With {@code jiebang.auth.local=false} an
 * OIDC issuer signs the tokens instead ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), and
 * the local login, key and user directory are not created.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = "jiebang.auth.local", havingValue = "true", matchIfMissing = true)
public @interface LocalLogin {
}
