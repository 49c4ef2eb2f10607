package io.jiebang.console.application;

/**
 * Whom the console acts for when it asks a service: the caller's own bearer token, which the service checks
 * itself, and their language (may be null), in which the service words its problems.
 */
public record Caller(String authorization, String language) {
}
