package dev.omnivault.architecture.samples.bad.adapter.storage;

/** Breaks: a store that runs a cipher itself instead of leaving it to the seal. */
public final class CipherStore {
    public int blockSize() throws java.security.GeneralSecurityException {
        return javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getBlockSize();
    }
}
