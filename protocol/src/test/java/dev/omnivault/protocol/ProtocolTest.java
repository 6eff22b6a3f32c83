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
                        "MEMBER_NOT_FOUND",
                        "ALREADY_EXISTS",
                        "CONFLICT",
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

    private static byte[] utf8(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code if_rev}: a whole number from 0, or null or absent for none; anything else is refused before a write. */
    @Test
    void ifRev_isAWholeNumberFromZero_orAbsent() {
        try (var none = Requests.content(utf8("{\"value\":\"v\"}"));
                var nulled = Requests.content(utf8("{\"value\":\"v\",\"if_rev\":null}"));
                var zero = Requests.content(utf8("{\"if_rev\":0}"));
                var large = Requests.content(utf8("{\"if_rev\":9223372036854775807}"))) {
            assertEquals(java.util.OptionalLong.empty(), none.ifRevision());
            assertEquals(java.util.OptionalLong.empty(), nulled.ifRevision());
            assertEquals(java.util.OptionalLong.of(0), zero.ifRevision());
            assertEquals(java.util.OptionalLong.of(Long.MAX_VALUE), large.ifRevision());
        }
        for (String bad : List.of("-1", "\"5\"", "1.5", "9223372036854775808", "true", "[1]", "{}")) {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.omnivault.domain.InvalidInputException.class,
                    () -> Requests.content(utf8("{\"value\":\"v\",\"if_rev\":" + bad + "}")),
                    bad);
            assertTrue(refused.getMessage().contains("if_rev"), refused.getMessage());
        }
        byte[] written = Requests.content(
                dev.omnivault.domain.SecretValue.ofText("v"),
                java.util.Map.of(),
                java.util.Map.of(),
                java.util.OptionalLong.of(17));
        try (var read = Requests.content(written)) {
            assertEquals(java.util.OptionalLong.of(17), read.ifRevision());
        }
    }

    /** {@code rev} goes out with a secret and with a stored one's answer, and reads back. */
    @Test
    void rev_isInASecretAndInAPutsAnswer_andReadsBack() {
        var path = dev.omnivault.domain.SecretPath.of("api/key");
        try (var secret = dev.omnivault.domain.Secret.restore(
                        path,
                        dev.omnivault.domain.SecretValue.ofText("v"),
                        java.util.Map.of(),
                        java.util.Map.of(),
                        java.time.Instant.EPOCH,
                        java.time.Instant.EPOCH,
                        42);
                var read = Answers.secret(Responses.secret(secret), path)) {
            assertEquals(42, read.revision());
        }
        assertEquals(43, Answers.revision(Responses.stored(43)));
        assertEquals(0, Answers.revision(Responses.success("secret saved")), "a daemon that says none");
    }
}
