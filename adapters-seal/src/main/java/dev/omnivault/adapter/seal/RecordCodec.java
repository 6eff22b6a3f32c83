package dev.omnivault.adapter.seal;

import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plaintext of one record: a secret as length-prefixed fields (layout in
 * docs/storage-format.md). Binary rather than JSON so values stay in byte arrays that can be
 * zeroed, never in Strings.
 */
final class RecordCodec {

    /** The largest plaintext whose sealed record the reader accepts. */
    static final int MAX_PLAINTEXT_BYTES =
            VaultKeys.MAX_SEALED_BYTES - Crypto.SEAL_OVERHEAD - VaultKeys.RECORD_PREFIX_BYTES;

    private static final int MAX_SHORT = 0xFFFF;

    private RecordCodec() {}

    /**
     * The record's plaintext. Checks again, whatever the domain let through, that every count and
     * length fits its field and the whole fits what {@link #decode} and every store accept,
     * so nothing is ever sealed that cannot be read back.
     *
     * @throws InvalidInputException when the secret does not fit the format
     */
    static byte[] encode(Secret secret) {
        byte[] path = utf8(secret.path().value());
        if (path.length > MAX_SHORT
                || secret.fields().size() > MAX_SHORT
                || secret.tags().size() > MAX_SHORT) {
            throw tooLarge();
        }
        long size = 2L + path.length + 24 + 4 + secret.value().byteLength() + 2 + 2;
        for (var field : secret.fields().entrySet()) {
            size += 2L + shortLength(field.getKey()) + 4 + field.getValue().byteLength();
        }
        for (var tag : secret.tags().entrySet()) {
            size += 2L + shortLength(tag.getKey()) + 4 + utf8(tag.getValue()).length;
        }
        if (size > MAX_PLAINTEXT_BYTES) {
            throw tooLarge();
        }
        byte[] value = secret.value().revealBytes();
        try {
            ByteBuffer out = ByteBuffer.allocate((int) size);
            out.putShort((short) path.length).put(path);
            putInstant(out, secret.createdAt());
            putInstant(out, secret.updatedAt());
            out.putInt(value.length).put(value);
            out.putShort((short) secret.fields().size());
            for (var field : secret.fields().entrySet()) {
                byte[] name = utf8(field.getKey());
                byte[] fieldValue = field.getValue().revealBytes();
                out.putShort((short) name.length).put(name);
                out.putInt(fieldValue.length).put(fieldValue);
                Crypto.zero(fieldValue);
            }
            out.putShort((short) secret.tags().size());
            for (var tag : secret.tags().entrySet()) {
                byte[] name = utf8(tag.getKey());
                byte[] tagValue = utf8(tag.getValue());
                out.putShort((short) name.length).put(name);
                out.putInt(tagValue.length).put(tagValue);
            }
            return out.array();
        } finally {
            Crypto.zero(value);
        }
    }

    private static int shortLength(String name) {
        int length = utf8(name).length;
        if (length > MAX_SHORT) {
            throw tooLarge();
        }
        return length;
    }

    private static InvalidInputException tooLarge() {
        return new InvalidInputException("the secret is too large to store");
    }

    /** The secret {@code plaintext} holds, stored at {@code revision}. */
    static Secret decode(byte[] plaintext, long revision) throws DamagedFileException {
        try {
            ByteBuffer in = ByteBuffer.wrap(plaintext);
            SecretPath path = SecretPath.of(string(in, Short.toUnsignedInt(in.getShort())));
            Instant createdAt = getInstant(in);
            Instant updatedAt = getInstant(in);
            SecretValue value = value(in);
            var fields = new TreeMap<String, SecretValue>();
            int fieldCount = Short.toUnsignedInt(in.getShort());
            for (int i = 0; i < fieldCount; i++) {
                fields.put(string(in, Short.toUnsignedInt(in.getShort())), value(in));
            }
            var tags = new TreeMap<String, String>();
            int tagCount = Short.toUnsignedInt(in.getShort());
            for (int i = 0; i < tagCount; i++) {
                String name = string(in, Short.toUnsignedInt(in.getShort()));
                tags.put(name, string(in, length(in)));
            }
            if (in.hasRemaining()) {
                throw new DamagedFileException("trailing bytes in a record");
            }
            return Secret.restore(path, value, Map.copyOf(fields), tags, createdAt, updatedAt, revision);
        } catch (BufferUnderflowException
                | IllegalArgumentException
                | DateTimeException
                | InvalidInputException malformed) {
            // Only reachable with the right key, so the bytes were written by someone else's code.
            throw new DamagedFileException("malformed record");
        }
    }

    private static SecretValue value(ByteBuffer in) {
        byte[] bytes = new byte[length(in)];
        in.get(bytes);
        SecretValue value = SecretValue.ofUtf8(bytes);
        Crypto.zero(bytes);
        return value;
    }

    private static int length(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return length;
    }

    private static String string(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void putInstant(ByteBuffer out, Instant instant) {
        out.putLong(instant.getEpochSecond()).putInt(instant.getNano());
    }

    private static Instant getInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
