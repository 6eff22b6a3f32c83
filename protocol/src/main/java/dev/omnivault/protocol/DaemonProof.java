package dev.omnivault.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The daemon's answer to a TCP client's challenge ({@code GET /challenge?nonce=…}):
 * {@code HMAC-SHA256(token, "omnivault/daemon-proof/v1" ‖ nonce)}. Only the token's holder can
 * give it, so the client knows it talks to this vault's daemon before it sends the token, a
 * password or a value. Both ends compute it here.
 */
public final class DaemonProof {

    /** The label the proof is computed over, before the nonce. */
    public static final String LABEL = "omnivault/daemon-proof/v1";

    /** The nonce a client sends: 32 random bytes, as 64 hex digits on the wire. */
    public static final int NONCE_BYTES = 32;

    private DaemonProof() {}

    /** The proof of {@code token} for {@code nonce}. */
    public static byte[] of(byte[] token, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            mac.update(LABEL.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", impossible);
        }
    }

    /** Whether {@code offered} is the proof of {@code token} for {@code nonce} (compared in constant time). */
    public static boolean verifies(byte[] token, byte[] nonce, byte[] offered) {
        return MessageDigest.isEqual(of(token, nonce), offered);
    }
}
