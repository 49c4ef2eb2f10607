package io.jiebang.platform.command;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Opaque ids: a short prefix naming the kind, then 64 random bits. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes);
    }
}
