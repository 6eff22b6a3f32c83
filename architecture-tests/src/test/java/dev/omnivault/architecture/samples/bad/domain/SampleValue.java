package dev.omnivault.architecture.samples.bad.domain;

/** A domain type with a revealing method, as the real SecretValue has. */
public final class SampleValue {
    public String revealText() {
        return "x";
    }
}
