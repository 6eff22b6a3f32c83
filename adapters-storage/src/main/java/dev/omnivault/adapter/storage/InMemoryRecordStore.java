package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.StaleRevisionException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A record store that lives in memory only, for tests, {@code demo} and wiring checks: nothing
 * touches the disk, and what it keeps is as sealed as what the file store writes. Hands out
 * copies, so no caller can change what it holds.
 */
public final class InMemoryRecordStore implements RecordStore {

    private byte @Nullable [] header;
    private final Map<ByteBuffer, byte[]> records = new LinkedHashMap<>();
    private long revision;
    /** The revision at which each id last changed, and whether that change deleted it. */
    private final Map<ByteBuffer, Change> changes = new LinkedHashMap<>();

    private record Change(long revision, boolean deleted) {}

    @Override
    public synchronized Optional<byte[]> header() {
        byte[] current = header;
        return current == null ? Optional.empty() : Optional.of(current.clone());
    }

    @Override
    public synchronized long create(byte[] newHeader, List<SealedRecord> initial, Authenticator authenticator) {
        if (header != null) {
            throw new VaultAlreadyExistsException();
        }
        records.clear();
        changes.clear();
        initial.forEach(record -> records.put(ByteBuffer.wrap(record.id()), record.sealed()));
        header = newHeader.clone();
        revision = 1;
        return revision;
    }

    @Override
    public synchronized Snapshot load(Authenticator authenticator) {
        if (header == null) {
            throw new VaultNotInitialisedException();
        }
        var copies = new ArrayList<SealedRecord>(records.size());
        records.forEach((id, bytes) -> copies.add(new SealedRecord(id.array(), bytes)));
        return new Snapshot(revision, copies);
    }

    @Override
    public synchronized long apply(long expectedRevision, Batch batch, Authenticator authenticator) {
        if (header == null) {
            throw new VaultNotInitialisedException();
        }
        if (expectedRevision != revision) {
            throw new StaleRevisionException(expectedRevision, revision);
        }
        long next = revision + 1;
        for (SealedRecord record : batch.puts()) {
            records.put(ByteBuffer.wrap(record.id()), record.sealed());
            changes.put(ByteBuffer.wrap(record.id()), new Change(next, false));
        }
        for (byte[] id : batch.deletes()) {
            // a delete of an id it does not hold changes nothing
            if (records.remove(ByteBuffer.wrap(id)) != null) {
                changes.put(ByteBuffer.wrap(id.clone()), new Change(next, true));
            }
        }
        revision = next;
        return revision;
    }

    @Override
    public synchronized Optional<Changes> changesSince(long since, Authenticator authenticator) {
        if (header == null) {
            throw new VaultNotInitialisedException();
        }
        var puts = new ArrayList<SealedRecord>();
        var deletes = new ArrayList<byte[]>();
        changes.forEach((id, change) -> {
            if (change.revision() > since) {
                byte[] current = records.get(id);
                if (change.deleted() || current == null) {
                    deletes.add(id.array());
                } else {
                    puts.add(new SealedRecord(id.array(), current));
                }
            }
        });
        return Optional.of(new Changes(revision, puts, deletes));
    }

    @Override
    public synchronized boolean replaceHeader(byte[] expected, byte[] replacement) {
        if (header == null || !java.util.Arrays.equals(header, expected)) {
            return false;
        }
        header = replacement.clone();
        return true;
    }

    @Override
    public String location() {
        return "memory";
    }
}
