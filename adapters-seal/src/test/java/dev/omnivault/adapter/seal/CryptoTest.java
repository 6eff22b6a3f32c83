package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HKDF-SHA256 on the JDK's HMAC gives what RFC 5869 and the JDK's own KDF give. */
class CryptoTest {

    @Test
    void hkdf_matchesRfc5869sFirstTestVector() {
        byte[] ikm = HexFormat.of().parseHex("0b".repeat(22));
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
        // info is f0..f9 in the RFC; our labels are ASCII, so the vector's info is checked through the JDK below
        byte[] okm = jdkHkdf(ikm, salt, HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9"));
        assertArrayEquals(
                HexFormat.of().parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"), okm);
    }

    @Test
    void hkdf_matchesTheJdksKdf_forTheVaultsLabels() {
        for (int round = 0; round < 20; round++) {
            byte[] dataKey = Crypto.randomBytes(32);
            byte[] vaultId = Crypto.randomBytes(16);
            for (String info :
                    new String[] {"omnivault/v2/record-key", "omnivault/v2/id-key", "omnivault/v2/mac-key"}) {
                assertArrayEquals(
                        jdkHkdf(dataKey, vaultId, info.getBytes(StandardCharsets.US_ASCII)),
                        Crypto.hkdf(dataKey, vaultId, info),
                        info);
            }
        }
    }

    private static byte[] jdkHkdf(byte[] ikm, byte[] salt, byte[] info) {
        try {
            return KDF.getInstance("HKDF-SHA256")
                    .deriveData(HKDFParameterSpec.ofExtract()
                            .addIKM(new SecretKeySpec(ikm, "HKDF-IKM"))
                            .addSalt(salt)
                            .thenExpand(info, 32));
        } catch (java.security.GeneralSecurityException unavailable) {
            throw new AssertionError(unavailable);
        }
    }
}
