package dev.omnivault.architecture.samples.good.adapter.seal;

/** The one place with cryptography: a library for the stores. */
public final class NoteSeal {
    public int tagBytes() throws java.security.GeneralSecurityException {
        return javax.crypto.Mac.getInstance("HmacSHA256").getMacLength()
                + new org.bouncycastle.crypto.digests.SHA256Digest().getDigestSize();
    }
}
