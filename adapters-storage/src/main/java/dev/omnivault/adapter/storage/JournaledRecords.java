package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.SealedRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The records of {@code vault.enc} and the journal that continues it, as they are on disk: a
 * change is appended to the journal, durably, and the whole file is written again (the next
 * generation, with a fresh journal) for a batch of many changes and once the journal has grown
 * to half of it, so an unlock never replays more than that and a write's cost stays flat. Every
 * method runs under the files' lock; what is in memory changes only after the disk has.
 */
final class JournaledRecords {

    /** The generation of a {@code vault.enc} written by a creation or migration. */
    static final long FIRST_GENERATION = 1;
    /** The least journal size at which {@code vault.enc} is written whole again. */
    private static final long COMPACT_FROM_BYTES = 1024 * 1024;

    private final VaultFiles files;
    private final byte[] vaultId;
    /** Every record, sealed, by id: what {@code vault.enc} and the journal hold together. */
    private final Map<ByteBuffer, byte[]> records;
    /** Ids whose record is in the journal: a damaged one is reported in that file. */
    private final Set<ByteBuffer> fromJournal = ConcurrentHashMap.newKeySet();

    /** The generation, trailing MAC and size of the {@code vault.enc} on disk, which the journal continues. */
    private long generation;

    private byte[] baseMac = new byte[RecordFile.MAC_BYTES];
    private long baseLength;
    /** Where the journal's valid part ends; 0 while there is no journal for this base. */
    private long journalLength;
    /** How many changes the journal holds. */
    private long journalChanges;
    /** The MAC the next journal change chains to. */
    private byte[] journalChain = new byte[0];

    private JournaledRecords(VaultFiles files, byte[] vaultId, Map<ByteBuffer, byte[]> records) {
        this.files = files;
        this.vaultId = vaultId.clone();
        this.records = records;
    }

    /** Writes {@code initial} as the first generation of {@code vault.enc} of the vault {@code vaultId}. */
    static JournaledRecords create(VaultFiles files, List<SealedRecord> initial, Authenticator keys)
            throws IOException {
        var byId = new HashMap<ByteBuffer, byte[]>(Math.max(16, initial.size() * 4 / 3 + 1));
        initial.forEach(record -> byId.put(ByteBuffer.wrap(record.id()), record.sealed()));
        var created = new JournaledRecords(files, keys.vaultId(), byId);
        // A journal left by an earlier vault in this directory must not meet the new one.
        java.nio.file.Files.deleteIfExists(files.journal);
        created.writeWhole(byId, keys);
        if (created.journalLength == 0) {
            // Past the first generation a vault.enc without a journal beside it is damage (a journal
            // removed), so a vault whose first journal header is not on disk must not be made: its
            // next whole write, should its header fail too, would leave exactly that. Nothing is
            // acknowledged yet; the vault.enc just written goes, so that a retry finds nothing in the way.
            try {
                created.startJournal(keys);
            } catch (IOException failed) {
                java.nio.file.Files.deleteIfExists(files.enc);
                throw new IOException("could not write " + Journal.FILE + ": " + failed.getMessage(), failed);
            }
        }
        return created;
    }

    /**
     * Authenticates {@code vault.enc} and the journal (their MACs cover every byte) and takes
     * their records as they are.
     */
    static JournaledRecords load(VaultFiles files, Authenticator keys) {
        byte[] encBytes = files.readEnc();
        byte @Nullable [] journalBytes = files.readJournal();
        byte[] vaultId = keys.vaultId();
        RecordFile.Contents base;
        try {
            base = RecordFile.decode(encBytes, vaultId, keys);
        } catch (DamagedFileException damaged) {
            throw VaultFiles.corrupted(files.enc);
        }
        var byId = new HashMap<ByteBuffer, byte[]>(Math.max(16, base.records().size() * 4 / 3 + 1));
        for (RecordFile.Sealed record : base.records()) {
            byId.put(ByteBuffer.wrap(record.id()), record.sealed());
        }
        var loaded = new JournaledRecords(files, vaultId, byId);
        loaded.baseWritten(
                Arrays.copyOfRange(encBytes, encBytes.length - RecordFile.MAC_BYTES, encBytes.length),
                encBytes.length,
                base.generation());
        if (journalBytes != null) {
            loaded.replay(journalBytes, keys);
        } else if (base.generation() > FIRST_GENERATION) {
            // Every whole write after the first leaves a journal header beside vault.enc.
            throw VaultFiles.corrupted(files.journal, "missing");
        }
        return loaded;
    }

    /**
     * The revision the files are at: the generation of {@code vault.enc} and the changes of its
     * journal, so it grows with every change and is the same after a restart.
     */
    long revision() {
        return (generation << 32) | journalChanges;
    }

    /** Every record, as copies. */
    List<SealedRecord> all() {
        var all = new ArrayList<SealedRecord>(records.size());
        records.forEach((id, bytes) -> all.add(new SealedRecord(id.array(), bytes)));
        return all;
    }

    boolean inJournal(byte[] id) {
        return fromJournal.contains(ByteBuffer.wrap(id));
    }

    /**
     * Applies {@code puts} and {@code deletes} (of ids held; others are left out): one change
     * goes to the journal; more, or a {@code bulk} change, are written whole.
     */
    void apply(List<SealedRecord> puts, List<byte[]> deletes, boolean bulk, Authenticator keys) {
        var held = deletes.stream()
                .filter(id -> records.containsKey(ByteBuffer.wrap(id)))
                .toList();
        if (bulk || puts.size() + held.size() > 1) {
            var next = new HashMap<>(records);
            puts.forEach(put -> next.put(ByteBuffer.wrap(put.id()), put.sealed()));
            held.forEach(id -> next.remove(ByteBuffer.wrap(id)));
            try {
                writeWhole(next, keys);
            } catch (IOException failed) {
                throw VaultFiles.ioFailure(
                        "could not write " + VaultFiles.ENC_FILE + "; the vault is unchanged", failed);
            }
            records.clear();
            records.putAll(next);
            return;
        }
        if (puts.size() == 1) {
            SealedRecord put = puts.getFirst();
            append(new Journal.Change(Journal.PUT, put.id(), put.sealed()), keys);
            records.put(ByteBuffer.wrap(put.id()), put.sealed());
            fromJournal.add(ByteBuffer.wrap(put.id()));
        } else if (held.size() == 1) {
            append(new Journal.Change(Journal.DELETE, held.getFirst(), new byte[0]), keys);
            records.remove(ByteBuffer.wrap(held.getFirst()));
            fromJournal.remove(ByteBuffer.wrap(held.getFirst()));
        } else {
            return;
        }
        compactIfDue(keys);
    }

    /**
     * Records that the file of {@code length} bytes ending in {@code trailingMac} is now {@code
     * vault.enc}: a journal must continue it, from scratch.
     */
    private void baseWritten(byte[] trailingMac, long length, long writtenGeneration) {
        generation = writtenGeneration;
        baseMac = trailingMac.clone();
        baseLength = length;
        journalLength = 0;
        journalChanges = 0;
        fromJournal.clear(); // every record is in vault.enc now
    }

    private Journal.Base base() {
        return new Journal.Base(generation, baseMac);
    }

    /** Applies the journal's changes on top of the base; a journal of an older base is left out. */
    private void replay(byte[] journalBytes, Authenticator keys) {
        Optional<Journal.Contents> contents;
        try {
            contents = Journal.decode(journalBytes, vaultId, base(), keys);
        } catch (DamagedFileException damaged) {
            throw damaged.file().isEmpty()
                    ? VaultFiles.corrupted(files.journal)
                    : VaultFiles.corrupted(files.enc, damaged.getMessage());
        }
        if (contents.isEmpty()) {
            return;
        }
        for (Journal.Change change : contents.get().changes()) {
            var id = ByteBuffer.wrap(change.id());
            if (change.type() == Journal.DELETE) {
                if (records.remove(id) == null) {
                    throw VaultFiles.corrupted(files.journal); // deletes a record that is not there
                }
                fromJournal.remove(id);
            } else {
                records.put(id, change.sealed());
                fromJournal.add(id);
            }
        }
        journalLength = contents.get().validLength();
        journalChanges = contents.get().changes().size();
        journalChain = contents.get().chain();
    }

    /**
     * Makes {@code next} the content of {@code vault.enc}, written whole at the next generation,
     * and starts a new journal for it (the old one's changes are in {@code next}).
     */
    private void writeWhole(Map<ByteBuffer, byte[]> next, Authenticator keys) throws IOException {
        var list = new ArrayList<RecordFile.Sealed>(next.size());
        next.forEach((id, bytes) -> list.add(new RecordFile.Sealed(id.array(), bytes)));
        long nextGeneration = generation + 1;
        // in pieces, the records' own arrays: a copy of a large vault in one array would need as
        // much heap again as the vault's records (measured: 75 MiB of them ran a 256 MiB daemon out)
        RecordFile.Encoded enc = RecordFile.encodeParts(vaultId, nextGeneration, list, keys);
        files.writer.replace(files.enc, enc.content());
        baseWritten(enc.trailingMac(), enc.content().size(), nextGeneration);
        try {
            // The journal's header names this vault.enc, so an older copy restored over it
            // later is told apart from it. A journal of the old base is left out meanwhile.
            startJournal(keys);
        } catch (IOException leftForTheNextWrite) {
            // the next change writes the header again
        }
    }

    /** Replaces the journal with an empty one that continues the {@code vault.enc} on disk. */
    private void startJournal(Authenticator keys) throws IOException {
        byte[] header = Journal.header(vaultId, base(), keys);
        files.writer.replace(files.journal, header);
        journalChain = Journal.firstChain(keys, header);
        journalLength = header.length;
    }

    /** Appends one change to the journal, durably; memory is changed by the caller only after. */
    private void append(Journal.Change change, Authenticator keys) {
        try {
            if (journalLength == 0) {
                startJournal(keys);
            }
            byte[] bytes = Journal.encode(change, journalChain, keys);
            files.writer.append(files.journal, journalLength, bytes);
            journalChain = Journal.chainOf(bytes);
            journalLength += bytes.length;
            journalChanges++;
        } catch (IOException failed) {
            throw VaultFiles.ioFailure("could not write " + Journal.FILE + "; the vault is unchanged", failed);
        }
    }

    /**
     * Writes {@code vault.enc} whole once the journal has grown to half its size (at least
     * 1 MiB). A compaction that fails leaves the journal as it was.
     */
    private void compactIfDue(Authenticator keys) {
        if (journalLength < Math.max(COMPACT_FROM_BYTES, baseLength / 2)) {
            return;
        }
        try {
            writeWhole(new HashMap<>(records), keys);
        } catch (IOException notNow) {
            // the change is in the journal already; the next write tries again
        }
    }
}
