package dev.omnivault.adapter.seal.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.StaleRevisionException;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordStore} must do, run against each store adapter by a subclass that says
 * how to make an empty one: keep the header and the sealed records byte for byte, apply a batch
 * whole and only at the revision its writer saw, and hand out copies.
 */
public abstract class RecordStoreContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordStore store;
    /** A real authenticator (the keys of a random vault), for stores whose layout carries MACs. */
    private VaultKeys keys;

    /** A store with no vault in it. */
    protected abstract RecordStore newStore();

    /** A new store over what {@link #newStore()}'s last one kept (a restart); the same one for memory. */
    protected abstract RecordStore reopen();

    @BeforeEach
    void freshStore() {
        store = newStore();
        keys = VaultKeys.derive(bytes(32), bytes(16));
    }

    @AfterEach
    void closeKeys() {
        keys.close();
    }

    @Test
    void anEmptyStore_hasNoHeader_andRefusesToLoadOrChange() {
        assertEquals(Optional.empty(), store.header());
        assertThrows(VaultNotInitialisedException.class, () -> store.load(keys));
        assertThrows(
                VaultNotInitialisedException.class, () -> store.apply(1, RecordStore.Batch.put(record(1, 100)), keys));
        assertFalse(store.replaceHeader(bytes(8), bytes(8)));
    }

    @Test
    void whatIsCreated_isLoadedBackByteForByte_atItsFirstRevision_alsoAfterARestart() {
        byte[] header = bytes(140);
        List<SealedRecord> records = List.of(record(1, 0x29), record(2, 4096), record(3, 1024 * 1024));
        long created = store.create(header, records, keys);
        for (RecordStore current : List.of(store, reopen())) {
            assertArrayEquals(header, current.header().orElseThrow());
            RecordStore.Snapshot snapshot = current.load(keys);
            assertEquals(created, snapshot.revision());
            assertEquals(contents(records), contents(snapshot.records()));
        }
    }

    @Test
    void aSecondCreate_isRefused_andTheFirstVaultStays() {
        byte[] header = bytes(100);
        store.create(header, List.of(record(1, 50)), keys);
        assertThrows(VaultAlreadyExistsException.class, () -> store.create(bytes(100), List.of(), keys));
        assertArrayEquals(header, store.header().orElseThrow());
        assertEquals(1, store.load(keys).records().size());
    }

    @Test
    void aBatch_putsReplacesAndDeletesAtOnce_andEachAdvancesTheRevision() {
        SealedRecord kept = record(1, 60);
        SealedRecord replaced = record(2, 60);
        SealedRecord deleted = record(3, 60);
        long created = store.create(bytes(100), List.of(kept, replaced, deleted), keys);
        SealedRecord replacement = new SealedRecord(replaced.id(), bytes(70));
        SealedRecord added = record(4, 80);
        long revision =
                store.apply(created, new RecordStore.Batch(List.of(replacement, added), List.of(deleted.id())), keys);
        assertTrue(revision > created, "the revision advances: " + revision);
        long next = store.apply(revision, RecordStore.Batch.put(record(5, 10)), keys);
        assertTrue(next > revision, "and again: " + next);
        for (RecordStore current : List.of(store, reopen())) {
            RecordStore.Snapshot snapshot = current.load(keys);
            assertEquals(next, snapshot.revision());
            Map<ByteBuffer, ByteBuffer> stored = contents(snapshot.records());
            assertEquals(4, stored.size());
            assertEquals(ByteBuffer.wrap(replacement.sealed()), stored.get(ByteBuffer.wrap(replaced.id())));
            assertEquals(ByteBuffer.wrap(kept.sealed()), stored.get(ByteBuffer.wrap(kept.id())));
            assertFalse(stored.containsKey(ByteBuffer.wrap(deleted.id())));
        }
    }

    @Test
    void aBatchAtAStaleRevision_isRefused_andAppliesNothing() {
        long created = store.create(bytes(100), List.of(record(1, 60)), keys);
        long revision = store.apply(created, RecordStore.Batch.put(record(2, 60)), keys);
        var stale = new RecordStore.Batch(
                List.of(record(3, 60)), List.of(record(1, 60).id()));
        assertThrows(StaleRevisionException.class, () -> store.apply(created, stale, keys));
        assertThrows(StaleRevisionException.class, () -> reopen().apply(created, stale, keys), "after a restart too");
        RecordStore.Snapshot snapshot = store.load(keys);
        assertEquals(revision, snapshot.revision());
        assertEquals(2, snapshot.records().size());
    }

    /**
     * Two stores over one vault (two processes, two machines): a change by one makes the other's
     * next batch stale, whether it was one change or a batch of many, and nothing of it is
     * applied; once it has read the new revision, the other writes again.
     */
    @Test
    void aSecondWriterOverTheSameVault_makesTheOthersBatchStale_andLosesNothing() {
        long created = store.create(bytes(100), List.of(record(1, 60)), keys);
        RecordStore other = reopen();
        assertEquals(created, other.load(keys).revision());
        long one = store.apply(created, RecordStore.Batch.put(record(2, 60)), keys);
        assertThrows(
                StaleRevisionException.class, () -> other.apply(created, RecordStore.Batch.put(record(3, 60)), keys));
        long many = store.apply(one, new RecordStore.Batch(List.of(record(4, 60), record(5, 60)), List.of()), keys);
        assertThrows(
                StaleRevisionException.class,
                () -> other.apply(one, RecordStore.Batch.delete(record(1, 60).id()), keys));
        long theirs = other.apply(many, RecordStore.Batch.put(record(6, 60)), keys);
        RecordStore.Snapshot after = reopen().load(keys);
        assertEquals(theirs, after.revision());
        Map<ByteBuffer, ByteBuffer> stored = contents(after.records());
        assertEquals(5, stored.size(), "1, 2, 4, 5 and 6; never 3, and 1 not deleted");
        assertFalse(stored.containsKey(ByteBuffer.wrap(record(3, 60).id())));
        assertThrows(StaleRevisionException.class, () -> store.apply(many, RecordStore.Batch.put(record(7, 60)), keys));
    }

    /**
     * A store that lists its changes brings a reader from any revision it has seen to its latest:
     * puts, replacements, deletes, a put then a delete and a delete then a put alike. A store that
     * cannot list them says so (its readers load everything), and then this has nothing to check.
     */
    @Test
    void theChangesSinceEveryRevision_bringAReaderToTheLatest() {
        SealedRecord one = record(1, 60);
        SealedRecord two = record(2, 60);
        SealedRecord three = record(3, 60);
        SealedRecord four = record(4, 60);
        var revisions = new ArrayList<Long>();
        var states = new ArrayList<Map<ByteBuffer, ByteBuffer>>();
        revisions.add(store.create(bytes(100), List.of(one, two, three), keys));
        List<RecordStore.Batch> steps = List.of(
                RecordStore.Batch.put(four),
                new RecordStore.Batch(List.of(new SealedRecord(two.id(), bytes(70))), List.of(three.id())),
                RecordStore.Batch.delete(four.id()),
                RecordStore.Batch.put(new SealedRecord(three.id(), bytes(80))));
        states.add(contents(store.load(keys).records()));
        for (RecordStore.Batch step : steps) {
            revisions.add(store.apply(revisions.getLast(), step, keys));
            states.add(contents(store.load(keys).records()));
        }
        RecordStore reader = reopen();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                reader.changesSince(revisions.getFirst(), keys).isPresent(),
                "this store lists no changes: its readers load everything");
        for (int i = 0; i < revisions.size(); i++) {
            RecordStore.Changes changes =
                    reader.changesSince(revisions.get(i), keys).orElseThrow();
            assertEquals(revisions.getLast(), changes.revision());
            var caughtUp = new HashMap<>(states.get(i));
            changes.deletes().forEach(id -> caughtUp.remove(ByteBuffer.wrap(id)));
            changes.puts().forEach(put -> caughtUp.put(ByteBuffer.wrap(put.id()), ByteBuffer.wrap(put.sealed())));
            assertEquals(states.getLast(), caughtUp, "from revision " + revisions.get(i));
        }
        assertTrue(reader.changesSince(revisions.getLast(), keys)
                .orElseThrow()
                .puts()
                .isEmpty());
    }

    /**
     * A store that applies a batch on top of the others' changes lands it after them, whatever the
     * revision its writer saw, and hands back exactly what they changed meanwhile. A store that
     * cannot says so, and its writers catch up and retry instead.
     */
    @Test
    void aBatchAppliedOnTop_landsAfterTheOthers_andHandsBackWhatTheyChanged() {
        SealedRecord kept = record(1, 60);
        SealedRecord deletedByThem = record(2, 60);
        long created = store.create(bytes(100), List.of(kept, deletedByThem), keys);
        RecordStore other = reopen();
        SealedRecord theirs = record(3, 60);
        long theirRevision =
                other.apply(created, new RecordStore.Batch(List.of(theirs), List.of(deletedByThem.id())), keys);
        SealedRecord mine = record(4, 60);
        var sealedFor = new java.util.ArrayList<Long>();
        Optional<RecordStore.Applied> applied = store.applyOnTop(
                created,
                (at, others) -> {
                    sealedFor.add(at);
                    return RecordStore.Batch.put(mine);
                },
                keys);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                applied.isPresent(), "this store does not apply on top: its writers catch up and retry");
        assertTrue(
                applied.get().revision() > theirRevision,
                "after theirs: " + applied.get().revision());
        assertEquals(List.of(applied.get().revision()), sealedFor, "sealed once, for where it landed");
        assertEquals(contents(List.of(theirs)), contents(applied.get().others().puts()));
        assertEquals(
                List.of(ByteBuffer.wrap(deletedByThem.id())),
                applied.get().others().deletes().stream().map(ByteBuffer::wrap).toList());
        RecordStore.Snapshot after = reopen().load(keys);
        assertEquals(applied.get().revision(), after.revision());
        assertEquals(contents(List.of(kept, theirs, mine)), contents(after.records()));
    }

    /** A batch refused when it is handed the others' changes (a conflict) leaves the store as they left it. */
    @Test
    void aBatchRefusedOnTopOfTheOthers_appliesNothing() {
        SealedRecord kept = record(1, 60);
        long created = store.create(bytes(100), List.of(kept), keys);
        RecordStore other = reopen();
        SealedRecord theirs = record(3, 60);
        long theirRevision = other.apply(created, RecordStore.Batch.put(theirs), keys);
        var refused = new IllegalStateException("refused");
        try {
            Optional<RecordStore.Applied> applied = store.applyOnTop(
                    created,
                    (at, others) -> {
                        throw refused;
                    },
                    keys);
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    applied.isPresent(), "this store does not apply on top: its writers catch up and retry");
            org.junit.jupiter.api.Assertions.fail("the refusal was not passed on");
        } catch (IllegalStateException passedOn) {
            assertEquals(refused, passedOn);
        }
        RecordStore.Snapshot after = reopen().load(keys);
        assertEquals(theirRevision, after.revision());
        assertEquals(contents(List.of(kept, theirs)), contents(after.records()));
    }

    /**
     * A store that keeps a record's revision beside it keeps the one it landed at (the one its
     * records were sealed for), on a load and in the changes; one that keeps none says so.
     */
    @Test
    void aStoreThatKeepsRecordRevisions_keepsTheOneEachLandedAt() {
        SealedRecord first = record(1, 60);
        long created = store.create(bytes(100), List.of(first), keys);
        SealedRecord second = record(2, 60);
        long next = store.apply(created, RecordStore.Batch.put(second), keys);
        RecordStore.Snapshot loaded = reopen().load(keys);
        for (SealedRecord record : loaded.records()) {
            long expected = record.id()[0] == 1 ? RecordStore.FIRST_REVISION : next;
            assertTrue(
                    record.storedRevision() == SealedRecord.UNTOLD || record.storedRevision() == expected,
                    "record " + record.id()[0] + " at " + record.storedRevision() + ", expected " + expected);
        }
        store.changesSince(created, keys).ifPresent(changes -> {
            for (SealedRecord put : changes.puts()) {
                assertTrue(
                        put.storedRevision() == SealedRecord.UNTOLD || put.storedRevision() == next,
                        "a change at " + put.storedRevision() + ", expected " + next);
            }
        });
    }

    @Test
    void theHeader_isReplacedOnlyWhileItIsTheOneExpected() {
        byte[] first = bytes(100);
        store.create(first, List.of(record(1, 60)), keys);
        byte[] second = bytes(100);
        assertFalse(store.replaceHeader(bytes(100), second), "not the header it holds");
        assertArrayEquals(first, store.header().orElseThrow());
        assertTrue(store.replaceHeader(first, second));
        assertArrayEquals(second, reopen().header().orElseThrow());
        assertEquals(1, reopen().load(keys).records().size(), "the records stay");
    }

    @Test
    void whatItHandsOut_isACopy() {
        byte[] header = bytes(100);
        SealedRecord one = record(1, 60);
        store.create(header, List.of(one), keys);
        store.header().orElseThrow()[0] ^= 1;
        assertArrayEquals(header, store.header().orElseThrow());
        byte[] handedOut = store.load(keys).records().getFirst().sealed();
        handedOut[0] ^= 1;
        assertArrayEquals(one.sealed(), store.load(keys).records().getFirst().sealed());
    }

    /** A record with a 32-byte id whose first byte is {@code n} and {@code size} random sealed bytes. */
    protected static SealedRecord record(int n, int size) {
        byte[] id = bytes(VaultKeys.ID_BYTES);
        id[0] = (byte) n;
        id[1] = (byte) 0xA5;
        for (int i = 2; i < id.length; i++) {
            id[i] = (byte) (n * 31 + i);
        }
        return new SealedRecord(id, bytes(Math.max(size, VaultKeys.SEAL_OVERHEAD)));
    }

    protected static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Map<ByteBuffer, ByteBuffer> contents(List<SealedRecord> records) {
        var byId = new HashMap<ByteBuffer, ByteBuffer>();
        for (SealedRecord record : records) {
            byId.put(ByteBuffer.wrap(record.id()), ByteBuffer.wrap(record.sealed()));
        }
        return byId;
    }
}
