package io.jiebang.console.web;

import io.jiebang.console.application.Login;
import io.jiebang.console.security.SigningKeys;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@io.jiebang.console.security.LocalLogin
public class AuthController {

    private final Login login;
    private final SigningKeys signingKeys;

    public AuthController(Login login, SigningKeys signingKeys) {
        this.login = login;
        this.signingKeys = signingKeys;
    }

    public record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    @PostMapping("/api/auth/login")
    public Mono<Login.Session> login(@Valid @RequestBody LoginRequest request, ServerHttpRequest http) {
        return login.login(request.username(), request.password(), address(http));
    }

    /** Behind a proxy, server.forward-headers-strategy makes this the client's address (docs/security.md). */
    private static String address(ServerHttpRequest http) {
        InetSocketAddress client = http.getRemoteAddress();
        return client == null ? "unknown" : client.getAddress() == null ? client.getHostString() : client.getAddress().getHostAddress();
    }

    public record ActivateRequest(@NotBlank @Size(max = 40) String username, @NotBlank @Size(max = 100) String code,
                                  @NotBlank @Size(max = 200) String password) {
    }

    /** An invited (or reset) person sets their password with the one-time code (docs/administration.md). */
    @PostMapping("/api/auth/activate")
    public Mono<ResponseEntity<Void>> activate(@Valid @RequestBody ActivateRequest request, ServerHttpRequest http) {
        return login.activate(request.username(), request.code(), request.password(), address(http))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Signs the caller's token out. */
    @PostMapping("/api/auth/logout")
    public Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal Jwt token) {
        return login.signOut(token.getId(), token.getExpiresAt()).thenReturn(ResponseEntity.noContent().build());
    }

    /** The public key set the services verify tokens with: two keys while a rotation overlaps. */
    @GetMapping("/oauth2/jwks")
    public Map<String, Object> keys() {
        return signingKeys.publicKeys().toJSONObject();
    }
}
