package dev.omnivault.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stored secret: a primary value, optional named fields (secret too), optional tags (name to
 * value, not secret but stored encrypted all the same), and its creation and update instants.
 * Closing it zeroes the value and the field values. Its {@code toString} prints the path only.
 */
public final class Secret implements AutoCloseable {

    /** Longest field or tag name, in chars. */
    public static final int MAX_NAME_LENGTH = SecretBounds.MAX_NAME_CHARS;

    private final SecretPath path;
    private final SecretValue value;
    private final SortedMap<String, SecretValue> fields;
    private final SortedMap<String, String> tags;
    private final Instant createdAt;
    private final Instant updatedAt;
    /** The revision it was stored at, or {@link #UNSTORED}. */
    private final long revision;

    /** The {@link #revision()} of a secret not read from storage (a new one, an overwrite). */
    public static final long UNSTORED = 0;

    private Secret(
            SecretPath path,
            SecretValue value,
            Map<String, SecretValue> fields,
            Map<String, String> tags,
            Instant createdAt,
            Instant updatedAt,
            long revision) {
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt is before createdAt");
        }
        SecretBounds.check(path, value, fields, tags);
        this.path = path;
        this.value = value;
        this.fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        this.tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        if (revision < 0) {
            throw new IllegalArgumentException("a revision is never negative");
        }
        this.revision = revision;
    }

    /** A new secret written at {@code now}. */
    public static Secret create(
            SecretPath path,
            SecretValue value,
            Map<String, SecretValue> fields,
            Map<String, String> tags,
            Instant now) {
        return new Secret(path, value, fields, tags, now, now, UNSTORED);
    }

    /** A secret read back from storage with the instants it was stored with. */
    public static Secret restore(
            SecretPath path,
            SecretValue value,
            Map<String, SecretValue> fields,
            Map<String, String> tags,
            Instant createdAt,
            Instant updatedAt) {
        return new Secret(path, value, fields, tags, createdAt, updatedAt, UNSTORED);
    }

    /** A secret read back from storage, where it is at {@code revision} (the write that stored it). */
    public static Secret restore(
            SecretPath path,
            SecretValue value,
            Map<String, SecretValue> fields,
            Map<String, String> tags,
            Instant createdAt,
            Instant updatedAt,
            long revision) {
        return new Secret(path, value, fields, tags, createdAt, updatedAt, revision);
    }

    /** This secret's content replaced at {@code now}; the creation instant survives the overwrite. */
    public Secret overwrite(
            SecretValue newValue, Map<String, SecretValue> newFields, Map<String, String> newTags, Instant now) {
        Instant updated = now.isBefore(createdAt) ? createdAt : now;
        return new Secret(path, newValue, newFields, newTags, createdAt, updated, UNSTORED);
    }

    /**
     * A deep copy of this secret at {@code to}, as {@code mv} stores it: the same content and
     * instants ({@code created_at} survives a rename), not yet stored.
     */
    public Secret movedTo(SecretPath to) {
        var fieldCopies = new TreeMap<String, SecretValue>();
        fields.forEach((name, fieldValue) -> fieldCopies.put(name, fieldValue.copy()));
        return new Secret(to, value.copy(), fieldCopies, tags, createdAt, updatedAt, UNSTORED);
    }

    /** A deep copy of this secret at {@code to}, as {@code cp} stores it: a new secret, created at {@code now}. */
    public Secret copiedTo(SecretPath to, Instant now) {
        var fieldCopies = new TreeMap<String, SecretValue>();
        fields.forEach((name, fieldValue) -> fieldCopies.put(name, fieldValue.copy()));
        return new Secret(to, value.copy(), fieldCopies, tags, now, now, UNSTORED);
    }

    /** An independent deep copy: closing one does not zero the other. */
    public Secret copy() {
        var fieldCopies = new TreeMap<String, SecretValue>();
        fields.forEach((name, fieldValue) -> fieldCopies.put(name, fieldValue.copy()));
        return new Secret(path, value.copy(), fieldCopies, tags, createdAt, updatedAt, revision);
    }

    public SecretPath path() {
        return path;
    }

    /** The primary value, owned by this secret: closing the secret zeroes it. */
    public SecretValue value() {
        return value;
    }

    /** Field name to value, sorted by name; the values are owned by this secret. */
    public SortedMap<String, SecretValue> fields() {
        return fields;
    }

    /** Tag name to tag value, sorted by name. */
    public SortedMap<String, String> tags() {
        return tags;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * The revision of the write that stored it, as its store counts them ({@code rev} on the wire);
     * {@link #UNSTORED} for a secret not read from storage.
     */
    public long revision() {
        return revision;
    }

    public SecretSummary summary() {
        return new SecretSummary(path, !value.isEmpty(), !fields.isEmpty(), List.copyOf(tags.keySet()), updatedAt);
    }

    /** Zeroes the value and every field value. */
    @Override
    public void close() {
        value.close();
        fields.values().forEach(SecretValue::close);
    }

    @Override
    public String toString() {
        return "Secret[path=" + path + ", value=***, fields=" + fields.keySet() + ", tags=" + tags.keySet() + "]";
    }
}
