package dev.omnivault.application.port.in;

import java.util.OptionalLong;

/** Who asked, as far as the transport can tell: process and user ids for the audit lines. */
public record Caller(OptionalLong pid, OptionalLong uid) {

    private static final Caller UNKNOWN = new Caller(OptionalLong.empty(), OptionalLong.empty());

    public static Caller unknown() {
        return UNKNOWN;
    }

    public static Caller of(long pid, long uid) {
        return new Caller(OptionalLong.of(pid), OptionalLong.of(uid));
    }
}
