package dev.omnivault.domain.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that a test moves by hand, so time-driven rules are tested without sleeping. */
public final class MutableClock implements InstantSource {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T09:00:00Z");

    private Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public MutableClock() {
        this(DEFAULT_START);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized MutableClock advance(Duration step) {
        now = now.plus(step);
        return this;
    }

    public synchronized MutableClock set(Instant instant) {
        now = instant;
        return this;
    }
}
