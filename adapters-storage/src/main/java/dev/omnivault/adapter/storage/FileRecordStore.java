package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.StaleRevisionException;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The record store of a vault kept as files in one directory (format version 3 of
 * docs/storage-format.md): the header is {@code vault.meta}, the records are {@code vault.enc}
 * and its journal ({@link JournaledRecords}), a Go OmniVault vault there is migrated
 * ({@link GoV1Files}). Every write is atomic and durable; damaged files are reported by name and
 * never overwritten. One daemon at a time uses a directory (its lock), and the revision is the
 * files' own: the generation of {@code vault.enc} and the changes of its journal.
 */
public final class FileRecordStore implements RecordStore {

    private final VaultFiles files;
    private final GoV1Files goV1;
    /** The records as last loaded or written; none before the first load. */
    private volatile @Nullable JournaledRecords current;
    /** The files as {@link #current} left them: a change that finds them otherwise reads them again. */
    private VaultFiles.@Nullable Seen seen;

    /** The store of the vault in {@code directory}; a directory that could not be synced is reported to {@code warnings}. */
    public FileRecordStore(Path directory, java.util.function.Consumer<String> warnings) {
        this(directory, new AtomicFileWriter(warnings));
    }

    FileRecordStore(Path directory, AtomicFileWriter writer) {
        this.files = new VaultFiles(directory, writer);
        this.goV1 = new GoV1Files(files);
    }

    @Override
    public Optional<byte[]> header() {
        return Optional.ofNullable(files.readMetaIfPresent());
    }

    @Override
    public boolean exists() {
        return Files.exists(files.meta);
    }

    @Override
    public long create(byte[] header, List<SealedRecord> records, Authenticator keys) {
        synchronized (files.lock) {
            if (Files.exists(files.meta)) {
                throw new VaultAlreadyExistsException();
            }
            try {
                FileModes.prepareDirectory(files.directory);
                files.refuseToOverwriteAnOrphanVault();
                return writeNewVault(header, records, keys);
            } catch (IOException failed) {
                throw VaultFiles.ioFailure("could not create the vault in " + files.directory, failed);
            }
        }
    }

    @Override
    public Snapshot load(Authenticator keys) {
        synchronized (files.lock) {
            files.readMeta();
            files.secure();
            current = null;
            JournaledRecords loaded = JournaledRecords.load(files, keys);
            current = loaded;
            seen = files.seen();
            return new Snapshot(loaded.revision(), loaded.all());
        }
    }

    @Override
    public long apply(long expectedRevision, Batch batch, Authenticator keys) {
        synchronized (files.lock) {
            JournaledRecords records = current;
            VaultFiles.Seen now = files.seen();
            if (records == null || now == null || !now.equals(seen)) {
                // never read here, or changed by another writer since: the revision on disk decides
                files.readMeta(); // none: not initialised
                current = null;
                records = JournaledRecords.load(files, keys);
                current = records;
                seen = now;
            }
            if (records.revision() != expectedRevision) {
                throw new StaleRevisionException(expectedRevision, records.revision());
            }
            try {
                records.apply(batch.puts(), batch.deletes(), batch.bulk(), keys);
                return records.revision();
            } finally {
                seen = files.seen();
            }
        }
    }

    @Override
    public boolean replaceHeader(byte[] expected, byte[] replacement) {
        synchronized (files.lock) {
            byte @Nullable [] header = files.readMetaIfPresent();
            if (header == null || !Arrays.equals(header, expected)) {
                return false;
            }
            try {
                files.writer.replace(files.meta, replacement);
                return true;
            } catch (IOException failed) {
                throw VaultFiles.ioFailure(
                        "could not write " + VaultFiles.META_FILE + "; the old password still works", failed);
            }
        }
    }

    @Override
    public VaultStoreException damaged(Part part, byte @Nullable [] id) {
        return switch (part) {
            case HEADER, MEMBERS, LEGACY_HEADER -> VaultFiles.corrupted(files.meta); // no team in files: a header
            case DIGEST -> VaultFiles.corrupted(files.enc); // kept by none of these files: vault.enc's MAC covers it
            case LEGACY_RECORDS -> VaultFiles.corrupted(files.enc);
            case RECORD -> {
                JournaledRecords records = current;
                boolean inJournal = id != null && records != null && records.inJournal(id);
                yield VaultFiles.corrupted(inJournal ? files.journal : files.enc);
            }
        };
    }

    @Override
    public Optional<byte[]> legacyRecords() {
        synchronized (files.lock) {
            return Optional.of(goV1.records());
        }
    }

    /**
     * Keeps the Go vault's files as backups, then writes the new vault: {@code vault.enc} first
     * (with a fresh journal), {@code vault.meta} last, so an interruption anywhere leaves a vault
     * that opens (the Go one, migrated again at the next unlock, or the new one).
     */
    @Override
    public long migrate(byte[] legacyHeader, byte[] header, List<SealedRecord> records, Authenticator keys) {
        synchronized (files.lock) {
            if (!Arrays.equals(legacyHeader, files.readMetaIfPresent())) {
                throw GoV1Files.changedDuringMigration();
            }
            try {
                goV1.keepBackups(legacyHeader);
                return writeNewVault(header, records, keys);
            } catch (IOException failed) {
                throw VaultFiles.ioFailure("could not migrate the Go OmniVault vault; its files are unchanged", failed);
            }
        }
    }

    /** {@code vault.enc} (with a fresh journal) first, {@code vault.meta} last: the vault exists once both are written. */
    private long writeNewVault(byte[] header, List<SealedRecord> records, Authenticator keys) throws IOException {
        current = null;
        JournaledRecords written = JournaledRecords.create(files, records, keys);
        files.writer.replace(files.meta, header);
        current = written;
        seen = files.seen();
        return written.revision();
    }

    @Override
    public List<String> legacyBackups() {
        return goV1.backups();
    }

    @Override
    public List<String> forgetLegacyBackups() {
        synchronized (files.lock) {
            return goV1.forgetBackups();
        }
    }

    @Override
    public String location() {
        return files.directory.toString();
    }
}
