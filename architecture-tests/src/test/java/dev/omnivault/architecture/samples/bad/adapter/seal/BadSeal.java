package dev.omnivault.architecture.samples.bad.adapter.seal;

public final class BadSeal {
    public int tagBytes() {
        return 32;
    }
}
