package dev.omnivault.domain;

import java.time.Duration;

/** Too many wrong passphrases in a row: the next attempt is allowed after {@link #retryAfter()}. */
public final class TooManyAttemptsException extends VaultException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many failed attempts, try again in " + wholeSecondsUp(retryAfter) + "s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds, rounded up so a client that waits that long is let in. */
    public long retryAfterSeconds() {
        return wholeSecondsUp(retryAfter);
    }

    private static long wholeSecondsUp(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
