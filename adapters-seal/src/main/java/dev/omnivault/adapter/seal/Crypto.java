package dev.omnivault.adapter.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * The primitives the vault's formats use, each from a library: AES-256-GCM, HMAC-SHA256 and SHA-256
 * from the JDK (hardware-accelerated), Argon2id and HPKE (X25519) from Bouncy Castle; HKDF-SHA256 is RFC 5869's
 * one-block case of the JDK's HMAC (checked against the JDK's KDF). Nothing here is a home-made
 * primitive; this class fixes the parameters and the byte layout, and scrubs the JDK's instances.
 */
public final class Crypto {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {}

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** AES-256-GCM with a fresh random nonce: returns nonce ‖ ciphertext ‖ tag. */
    public static byte[] seal(byte[] key, byte[] aad, byte[] plaintext) {
        return seal(key, aad, new byte[0], plaintext);
    }

    /**
     * {@link #seal(byte[], byte[], byte[])} after {@code prefix} (clear, and authenticated only if
     * the associated data holds it): returns prefix ‖ nonce ‖ ciphertext ‖ tag.
     */
    public static byte[] seal(byte[] key, byte[] aad, byte[] prefix, byte[] plaintext) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        Cipher gcm = null;
        try (var secretKey = new RawKey(key, "AES")) {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, secretKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            gcm.updateAAD(aad);
            byte[] sealed = new byte[prefix.length + NONCE_BYTES + gcm.getOutputSize(plaintext.length)];
            System.arraycopy(prefix, 0, sealed, 0, prefix.length);
            System.arraycopy(nonce, 0, sealed, prefix.length, NONCE_BYTES);
            gcm.doFinal(plaintext, 0, plaintext.length, sealed, prefix.length + NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is unavailable", impossible);
        } finally {
            scrub(gcm);
        }
    }

    private static final byte[] NO_KEY = new byte[KEY_BYTES];
    private static final GCMParameterSpec SCRUB_NONCE = new GCMParameterSpec(TAG_BYTES * 8, new byte[NONCE_BYTES]);

    /**
     * Keys {@code gcm} anew with an all-zero key: the JDK's AES keeps a copy of the last key and
     * its expanded schedule inside the cipher, with no way to clear them, and replacing the key is
     * what zeroes them. So a cipher that goes to the garbage carries no key of ours.
     */
    static void scrub(@Nullable Cipher gcm) {
        if (gcm == null) {
            return;
        }
        // Decrypt mode, so a fixed nonce is allowed (encrypt mode refuses a nonce used before with
        // the same key) and no random bytes are drawn: a read scrubs one cipher, under contention.
        try (var none = new RawKey(NO_KEY, "AES")) {
            gcm.init(Cipher.DECRYPT_MODE, none, SCRUB_NONCE);
        } catch (GeneralSecurityException | RuntimeException cannot) {
            // nothing more can be done for this instance
        }
    }

    /** Opens what {@link #seal} made; throws if the key, the associated data or any byte is wrong. */
    public static byte[] open(byte[] key, byte[] aad, byte[] sealed) throws AEADBadTagException {
        Cipher gcm;
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is unavailable", impossible);
        }
        try (var secretKey = new RawKey(key, "AES")) {
            return open(gcm, secretKey, aad, sealed, 0);
        } finally {
            scrub(gcm);
        }
    }

    /** {@link #open} with a given cipher instance and key. */
    private static byte[] open(Cipher gcm, SecretKey key, byte[] aad, byte[] sealed, int offset)
            throws AEADBadTagException {
        if (sealed.length - offset < SEAL_OVERHEAD) {
            throw new AEADBadTagException("sealed data too short");
        }
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset, NONCE_BYTES));
            gcm.updateAAD(aad);
            return gcm.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException wrong) {
            throw wrong;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is unavailable", impossible);
        }
    }

    /**
     * Opens many records sealed under one key, as {@link #open} does, with one cipher and one MAC
     * instance for all of them: unlocking a vault of 100,000 records otherwise spends most of its
     * time looking up providers and expanding the same key. It is keyed for a use ({@link #key})
     * and unkeyed after ({@link #unkey}, which zeroes its copy and re-keys both instances with
     * zeros), so an opener waiting in a pool between requests holds no key.
     */
    static final class Opener implements AutoCloseable {
        private final Cipher gcm;
        private final Mac mac;
        private @Nullable RawKey aesKey;
        private boolean macKeyed;

        /** The instances alone, to be keyed before use. */
        Opener() {
            try {
                this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
                this.mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException("AES-GCM or HMAC-SHA256 is unavailable", impossible);
            }
        }

        /** Keys this opener (copies of both keys are taken; the caller zeroes its own). */
        void key(byte[] recordKey, byte[] idKey) {
            keyRecords(recordKey);
            try (var macKey = new RawKey(idKey, "HmacSHA256")) {
                mac.init(macKey);
                macKeyed = true;
            } catch (GeneralSecurityException impossible) {
                unkey();
                throw new IllegalStateException("HMAC-SHA256 is unavailable", impossible);
            }
        }

        /** Keys the cipher alone, for opening records whose id is known already. */
        void keyRecords(byte[] recordKey) {
            if (aesKey != null || macKeyed) {
                unkey();
            }
            aesKey = new RawKey(recordKey, "AES");
        }

        /** Zeroes this opener's key copy and re-keys what was keyed with zeros. */
        void unkey() {
            RawKey key = aesKey;
            aesKey = null;
            if (key != null) {
                key.close();
                scrub(gcm);
            }
            if (macKeyed) {
                macKeyed = false;
                scrub(mac);
            }
        }

        /** As {@link Crypto#open}, with this opener's record key. */
        byte[] open(byte[] aad, byte[] sealed) throws AEADBadTagException {
            return open(aad, sealed, 0);
        }

        /** As {@link #open(byte[], byte[])}, of what follows {@code offset} clear bytes of {@code sealed}. */
        byte[] open(byte[] aad, byte[] sealed, int offset) throws AEADBadTagException {
            RawKey key = aesKey;
            if (key == null) {
                throw new IllegalStateException("the opener is not keyed");
            }
            return Crypto.open(gcm, key, aad, sealed, offset);
        }

        /** HMAC-SHA256 of {@code data} under this opener's id key. */
        byte[] hmac(byte[] data) {
            if (!macKeyed) {
                throw new IllegalStateException("the opener is not keyed");
            }
            return mac.doFinal(data);
        }

        @Override
        public void close() {
            unkey();
        }
    }

    public static byte[] hmacSha256(byte[] key, byte[] data, int offset, int length) {
        Mac mac = hmacInstance();
        try (var secretKey = new RawKey(key, "HmacSHA256")) {
            mac.init(secretKey);
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", impossible);
        } finally {
            scrub(mac);
        }
    }

    /** HMAC-SHA256 of {@code parts} one after another; each buffer's position is left where it was. */
    public static byte[] hmacSha256(byte[] key, java.util.Iterator<ByteBuffer> parts) {
        Mac mac = keyedHmac(key);
        try {
            while (parts.hasNext()) {
                mac.update(parts.next().duplicate());
            }
            return mac.doFinal();
        } finally {
            scrub(mac);
        }
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        return hmacSha256(key, data, 0, data.length);
    }

    /** One HMAC-SHA256 instance keyed with {@code key}, for many messages in a row; {@link #scrub(Mac)} it when done. */
    static Mac keyedHmac(byte[] key) {
        Mac mac = hmacInstance();
        try (var secretKey = new RawKey(key, "HmacSHA256")) {
            mac.init(secretKey);
            return mac;
        } catch (GeneralSecurityException impossible) {
            scrub(mac);
            throw new IllegalStateException("HMAC-SHA256 is unavailable", impossible);
        }
    }

    /**
     * HKDF-SHA256 (RFC 5869) extract-then-expand to {@link #KEY_BYTES}, which is one block of
     * HMAC-SHA256: {@code PRK = HMAC(salt, ikm)}, {@code OKM = HMAC(PRK, info ‖ 0x01)}. Written
     * on the JDK's HMAC rather than through its KDF because that KDF's own HMAC instances go to the
     * garbage holding the output key (SHA-256's state keeps the last digest); here the one HMAC
     * instance is keyed anew with zeros when done. {@code CryptoTest} checks it against the JDK's
     * KDF and RFC 5869's first test vector.
     */
    public static byte[] hkdf(byte[] inputKey, byte[] salt, String info) {
        Mac mac = hmacInstance();
        byte[] prk = new byte[0];
        try {
            try (var saltKey = new RawKey(salt, "HmacSHA256")) {
                mac.init(saltKey);
                prk = mac.doFinal(inputKey);
            }
            try (var prkKey = new RawKey(prk, "HmacSHA256")) {
                mac.init(prkKey);
                mac.update(info.getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) 1);
                return mac.doFinal();
            }
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", impossible);
        } finally {
            zero(prk);
            scrub(mac);
        }
    }

    private static Mac hmacInstance() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", impossible);
        }
    }

    /**
     * Keys {@code mac} anew with zeros and runs it once: the JDK's HMAC keeps the key XOR-ed with
     * its pads, and SHA-256 the last digest, inside the instance, with no way to clear them.
     */
    static void scrub(Mac mac) {
        try (var none = new RawKey(NO_KEY, "HmacSHA256")) {
            mac.init(none);
            mac.doFinal();
        } catch (GeneralSecurityException | RuntimeException cannot) {
            // nothing more can be done for this instance
        }
    }

    public static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("SHA-256 is unavailable", impossible);
        }
    }

    /**
     * One Argon2 derivation at a time in this process, first come first served. Each takes its
     * memory setting (64 MiB by default) and a whole core; parallel guesses used to run side by
     * side and starve every other request on a small machine (bin/torture's brute-force scenario:
     * status p99 830 ms while three ran at once). Queued, they cost the guesser time, not the owner.
     */
    private static final Semaphore ONE_DERIVATION = new Semaphore(1, true);

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger PEAK = new AtomicInteger();

    /** The most derivations ever seen running at once (for the test that pins the rule above). */
    static int peakConcurrentDerivations() {
        return PEAK.get();
    }

    /**
     * A derivation at least this large has its memory handed back to the system when it ends: a
     * full collection then, after which the daemon's serial collector shrinks the heap it grew.
     */
    static final int RETURNED_FROM_KIB = 16 * 1024;

    /**
     * Argon2id, version 1.3, as Go's {@code argon2.IDKey}: no secret, no associated data. Bouncy
     * Castle's Argon2 works in the Java heap (64 MiB of blocks by default); left to itself, a
     * long-lived daemon would keep that much more memory after every unlock, so a large derivation
     * is followed by a full collection (tens of milliseconds beside the derivation's hundreds).
     */
    public static byte[] argon2id(byte[] passwordUtf8, byte[] salt, Argon2Settings settings, int outputBytes) {
        ONE_DERIVATION.acquireUninterruptibly();
        try {
            PEAK.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            return argon2idNow(passwordUtf8, salt, settings, outputBytes);
        } finally {
            RUNNING.decrementAndGet();
            if (settings.memoryKiB() >= RETURNED_FROM_KIB) {
                System.gc();
            }
            ONE_DERIVATION.release();
        }
    }

    private static byte[] argon2idNow(byte[] passwordUtf8, byte[] salt, Argon2Settings settings, int outputBytes) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(settings.iterations())
                .withMemoryAsKB(settings.memoryKiB())
                .withParallelism(settings.parallelism())
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] output = new byte[outputBytes];
        generator.generateBytes(passwordUtf8, output);
        return output;
    }

    /** Bytes of an X25519 key, public or private, and of an HPKE encapsulated key. */
    public static final int X25519_BYTES = 32;
    /** Bytes HPKE's sealing adds to a plaintext: the encapsulated key and the AEAD's tag. */
    public static final int HPKE_OVERHEAD = X25519_BYTES + TAG_BYTES;

    /**
     * RFC 9180's HPKE in base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM: Bouncy
     * Castle's implementation, one instance per call (it keeps no key between calls).
     */
    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** A new X25519 key pair: private ‖ public, {@link #X25519_BYTES} each (the caller zeroes it). */
    static byte[] x25519KeyPair() {
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = hpke.generatePrivateKey();
        return concat(hpke.serializePrivateKey(pair.getPrivate()), hpke.serializePublicKey(pair.getPublic()));
    }

    /** {@code plaintext} sealed to the holder of {@code publicKey}'s private key, for {@code info}: enc ‖ ciphertext ‖ tag. */
    static byte[] hpkeSeal(byte[] publicKey, byte[] info, byte[] plaintext) {
        HPKE hpke = hpke();
        try {
            byte[][] sealed =
                    hpke.seal(hpke.deserializePublicKey(publicKey), info, new byte[0], plaintext, null, null, null);
            return concat(sealed[1], sealed[0]);
        } catch (InvalidCipherTextException | RuntimeException unusable) {
            throw new IllegalStateException("HPKE sealing failed", unusable);
        }
    }

    /**
     * What {@link #hpkeSeal} sealed to {@code publicKey} for {@code info}, opened with its private key.
     *
     * @throws AEADBadTagException when it was sealed to another key, for another info, or changed
     */
    static byte[] hpkeOpen(byte[] privateKey, byte[] publicKey, byte[] info, byte[] sealed) throws AEADBadTagException {
        if (sealed.length < HPKE_OVERHEAD) {
            throw new AEADBadTagException("too short");
        }
        HPKE hpke = hpke();
        byte[] enc = Arrays.copyOfRange(sealed, 0, X25519_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(sealed, X25519_BYTES, sealed.length);
        try {
            AsymmetricCipherKeyPair pair = hpke.deserializePrivateKey(privateKey, publicKey);
            return hpke.open(enc, pair, info, new byte[0], ciphertext, null, null, null);
        } catch (InvalidCipherTextException | RuntimeException wrong) {
            // a wrong key or a changed byte; BC reports a point it cannot use as a runtime failure
            throw new AEADBadTagException("does not open");
        }
    }

    public static void zero(byte[]... arrays) {
        for (byte[] array : arrays) {
            Arrays.fill(array, (byte) 0);
        }
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }

    /**
     * A key handed to the JCE for one operation. Unlike {@code SecretKeySpec} it can be destroyed,
     * so the copy it holds is zeroed as soon as the operation is over.
     */
    private static final class RawKey implements SecretKey, Destroyable, AutoCloseable {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private final String algorithm;
        private boolean destroyed;

        RawKey(byte[] key, String algorithm) {
            this.bytes = key.clone();
            this.algorithm = algorithm;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }

        @Override
        public void destroy() {
            Arrays.fill(bytes, (byte) 0);
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public void close() {
            destroy();
        }
    }
}
