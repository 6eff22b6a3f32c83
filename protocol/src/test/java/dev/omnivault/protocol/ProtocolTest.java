package dev.omnivault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void theErrorCodes_areSpecs_andEachReadsBackFromItsWireForm() {
        assertEquals(
                List.of(
                        "INVALID_REQUEST",
                        "INVALID_PASSWORD",
                        "VAULT_LOCKED",
                        "VAULT_NOT_FOUND",
                        "SECRET_NOT_FOUND",
                        "ALREADY_EXISTS",
                        "TOO_MANY_ATTEMPTS",
                        "VAULT_CORRUPTED",
                        "INTERNAL_ERROR",
                        "FORBIDDEN",
                        "UNAUTHORIZED",
                        "NOT_FOUND",
                        "METHOD_NOT_ALLOWED",
                        "BODY_TOO_LARGE"),
                java.util.Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).toList());
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(Optional.of(code), ErrorCode.ofWire(code.wire()));
        }
        assertEquals(Optional.empty(), ErrorCode.ofWire("vault_locked"));
        assertEquals(Optional.empty(), ErrorCode.ofWire(""));
    }

    /** RFC 4231 test case 2 (key "Jefe"), with the label and nonce as its data: the proof is plain HMAC-SHA256. */
    @Test
    void theProof_isHmacSha256OfTheLabelAndTheNonce_underTheToken() {
        byte[] token = "Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] expected = HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertArrayEquals(expected, hmac(token, data));
        byte[] nonce = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        byte[] proof = DaemonProof.of(token, nonce);
        byte[] input = new byte[DaemonProof.LABEL.length() + nonce.length];
        System.arraycopy(
                DaemonProof.LABEL.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                0,
                input,
                0,
                DaemonProof.LABEL.length());
        System.arraycopy(nonce, 0, input, DaemonProof.LABEL.length(), nonce.length);
        assertArrayEquals(hmac(token, input), proof);
        assertTrue(DaemonProof.verifies(token, nonce, proof));
        proof[0] ^= 1;
        assertFalse(DaemonProof.verifies(token, nonce, proof));
        assertFalse(DaemonProof.verifies(
                "other".getBytes(java.nio.charset.StandardCharsets.US_ASCII), nonce, DaemonProof.of(token, nonce)));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
