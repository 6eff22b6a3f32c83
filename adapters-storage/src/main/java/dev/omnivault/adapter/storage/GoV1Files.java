package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.GoV1Vault;
import dev.omnivault.application.port.out.VaultStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Go OmniVault (format 1) vault in the directory, as files: which {@code vault.enc} holds its
 * records, the backups a migration keeps ({@code *.v1.bak}, which still open with the Go
 * password), and the refusal to migrate over a vault that has changed since a migration. The
 * seal opens the Go vault and seals its secrets; this only moves bytes.
 */
final class GoV1Files {

    private static final byte[] EMPTY_V1_VAULT = "{\"secrets\":{}}".getBytes(StandardCharsets.US_ASCII);

    private final VaultFiles files;

    GoV1Files(VaultFiles files) {
        this.files = files;
    }

    /**
     * The v1 {@code vault.enc}: the live file while it is still v1; its backup when a migration
     * stopped after replacing {@code vault.enc} and before replacing {@code vault.meta} (and only
     * then: a format-2 vault with changes of its own is never migrated over); an empty vault when
     * there is neither, as the Go OmniVault reads a missing {@code vault.enc}.
     */
    byte[] records() {
        byte @Nullable [] live = files.readIfPresent(files.enc);
        if (live != null && GoV1Vault.looksLikeV1(live)) {
            return live;
        }
        if (live != null) {
            refuseToMigrateOverChanges(live);
            if (!files.present(VaultFiles.ENC_V1_BACKUP)) {
                throw VaultFiles.corrupted(files.enc);
            }
        }
        byte @Nullable [] saved = files.readIfPresent(files.resolve(VaultFiles.ENC_V1_BACKUP));
        return saved != null ? saved : EMPTY_V1_VAULT.clone();
    }

    /**
     * Beside a Go {@code vault.meta}, a format-2 {@code vault.enc} is what a migration interrupted
     * before its last step left only while it is the migration's own: its first generation, and
     * no change in a journal. Anything else holds changes made since, and a {@code vault.meta}
     * that is a Go one again (a restored backup, a sync conflict) must not cost them.
     */
    private void refuseToMigrateOverChanges(byte[] liveEnc) {
        long generation;
        try {
            generation = RecordFile.claimedGeneration(liveEnc);
        } catch (DamagedFileException notOurs) {
            throw VaultFiles.corrupted(files.enc);
        }
        byte @Nullable [] journal = files.readJournal();
        boolean untouched = generation <= JournaledRecords.FIRST_GENERATION
                && (journal == null || journal.length <= Journal.HEADER_BYTES);
        if (!untouched) {
            throw VaultFiles.corrupted(
                    files.meta,
                    "it is a Go OmniVault vault.meta again, but " + VaultFiles.ENC_FILE + " and " + Journal.FILE
                            + " hold a migrated vault with changes since; refusing to migrate over them: put back"
                            + " the vault.meta of the migrated vault, or move " + VaultFiles.ENC_FILE + " and "
                            + Journal.FILE + " away to migrate the Go vault again");
        }
    }

    /**
     * Keeps the Go vault's files as backups before a migration replaces them: {@code vault.meta}
     * ({@code legacyMeta}) always, {@code vault.enc} while it is still the Go one. A backup that
     * exists already is the one of an interrupted migration, and stays.
     */
    void keepBackups(byte[] legacyMeta) throws IOException {
        if (!files.present(VaultFiles.META_V1_BACKUP)) {
            files.writer.replace(files.resolve(VaultFiles.META_V1_BACKUP), legacyMeta);
        }
        byte @Nullable [] live = files.readIfPresent(files.enc);
        if (live != null && GoV1Vault.looksLikeV1(live) && !files.present(VaultFiles.ENC_V1_BACKUP)) {
            files.writer.replace(files.resolve(VaultFiles.ENC_V1_BACKUP), live);
        }
    }

    /** The backups of a migrated Go OmniVault vault that are still in the directory. */
    List<String> backups() {
        var present = new ArrayList<String>();
        for (String name : List.of(VaultFiles.META_V1_BACKUP, VaultFiles.ENC_V1_BACKUP)) {
            if (files.present(name)) {
                present.add(name);
            }
        }
        return present;
    }

    /** Removes the backups and returns their names. */
    List<String> forgetBackups() {
        List<String> present = backups();
        try {
            for (String name : present) {
                Files.deleteIfExists(files.resolve(name));
            }
            AtomicFileWriter.syncDirectory(files.directory);
        } catch (IOException failed) {
            throw VaultFiles.ioFailure("could not remove the Go OmniVault backups in " + files.directory, failed);
        }
        return present;
    }

    static VaultStoreException changedDuringMigration() {
        return new VaultStoreException(
                VaultStoreException.Kind.IO_FAILURE,
                "could not migrate the Go OmniVault vault: " + VaultFiles.META_FILE
                        + " changed meanwhile; its files are unchanged");
    }
}
