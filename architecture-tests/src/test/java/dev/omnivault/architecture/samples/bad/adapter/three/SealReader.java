package dev.omnivault.architecture.samples.bad.adapter.three;

import dev.omnivault.architecture.samples.bad.adapter.seal.BadSeal;

/** Breaks: an adapter that is not a store reads the sealing layer. */
public final class SealReader {
    public int tagBytes() {
        return new BadSeal().tagBytes();
    }
}
