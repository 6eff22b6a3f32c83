package dev.omnivault.adapter.storage;

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

    private RecordCodec() {}

    static byte[] encode(Secret secret) {
        byte[] path = utf8(secret.path().value());
        byte[] value = secret.value().revealBytes();
        try {
            int size = 2 + path.length + 24 + 4 + value.length + 2 + 2;
            for (var field : secret.fields().entrySet()) {
                size += 2 + utf8(field.getKey()).length + 4 + field.getValue().byteLength();
            }
            for (var tag : secret.tags().entrySet()) {
                size += 2 + utf8(tag.getKey()).length + 4 + utf8(tag.getValue()).length;
            }
            ByteBuffer out = ByteBuffer.allocate(size);
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

    static Secret decode(byte[] plaintext) throws DamagedFileException {
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
            return Secret.restore(path, value, Map.copyOf(fields), tags, createdAt, updatedAt);
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
