package dev.omnivault.architecture.samples.bad.adapter.two;

/** Breaks: cryptography outside the sealing layer. */
public final class TwoAdapter {
    public int digestSize() {
        return new org.bouncycastle.crypto.digests.SHA256Digest().getDigestSize();
    }
}
