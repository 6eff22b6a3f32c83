package dev.omnivault.architecture.samples.good.adapter.storage;

import dev.omnivault.architecture.samples.good.adapter.seal.NoteSeal;

/** A store keeps bytes and leaves every cipher to the seal. */
public final class SealedNoteStore {
    private final NoteSeal seal = new NoteSeal();

    public int overhead() throws java.security.GeneralSecurityException {
        return seal.tagBytes();
    }
}
