package dev.omnivault.adapter.storage;

import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The vault's files in its directory (docs/storage-format.md): {@code vault.meta} (the header),
 * {@code vault.enc} (every record, with a trailing MAC), {@code vault.journal} (the changes since)
 * and the Go OmniVault backups; how they are read, secured and written (atomically and durably,
 * by one {@link AtomicFileWriter}), and the errors that name them. Every change to them holds
 * {@link #lock}.
 */
final class VaultFiles {

    static final String META_FILE = "vault.meta";
    static final String ENC_FILE = "vault.enc";
    static final String META_V1_BACKUP = "vault.meta.v1.bak";
    static final String ENC_V1_BACKUP = "vault.enc.v1.bak";

    private static final String CORRUPTED = "vault file is corrupted or was tampered with: ";

    final Path directory;
    final Path meta;
    final Path enc;
    final Path journal;
    final AtomicFileWriter writer;
    /** Serialises every change to the files. */
    final Object lock = new Object();

    VaultFiles(Path directory, AtomicFileWriter writer) {
        this.directory = directory;
        this.meta = directory.resolve(META_FILE);
        this.enc = directory.resolve(ENC_FILE);
        this.journal = directory.resolve(Journal.FILE);
        this.writer = writer;
    }

    Path resolve(String name) {
        return directory.resolve(name);
    }

    /** {@code vault.meta}'s bytes; none when there is no vault. */
    byte @Nullable [] readMetaIfPresent() {
        return readIfPresent(meta);
    }

    /** {@code vault.meta}'s bytes. */
    byte[] readMeta() {
        byte @Nullable [] bytes = readMetaIfPresent();
        if (bytes == null) {
            throw new VaultNotInitialisedException();
        }
        return bytes;
    }

    /** {@code vault.enc}'s bytes; a missing one is damage (there is a {@code vault.meta}). */
    byte[] readEnc() {
        try {
            return Files.readAllBytes(enc);
        } catch (NoSuchFileException missing) {
            throw new VaultStoreException(VaultStoreException.Kind.CORRUPTED, CORRUPTED + enc + " (missing)");
        } catch (IOException failed) {
            throw ioFailure("could not read " + enc, failed);
        }
    }

    /** The journal's bytes; none when there is no journal (a vault of format 2, or a first generation). */
    byte @Nullable [] readJournal() {
        return readIfPresent(journal);
    }

    byte @Nullable [] readIfPresent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException failed) {
            throw ioFailure("could not read " + file, failed);
        }
    }

    boolean present(String name) {
        return Files.exists(directory.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** Makes the directory and the vault's files the owner's alone, and removes what crashed writes left. */
    void secure() {
        try {
            FileModes.prepareDirectory(directory);
            FileModes.tighten(meta, FileModes.OWNER_ONLY_FILE);
            FileModes.tighten(enc, FileModes.OWNER_ONLY_FILE);
            if (Files.exists(journal)) {
                FileModes.tighten(journal, FileModes.OWNER_ONLY_FILE);
            }
            removeLeftoverTempFiles();
        } catch (IOException failed) {
            throw ioFailure("could not secure " + directory, failed);
        }
    }

    /** Temporary files of writes that a crash interrupted: never the live files, so safe to remove. */
    private void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> temps =
                Files.newDirectoryStream(directory, ".vault.*" + AtomicFileWriter.TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A {@code vault.enc} without {@code vault.meta} is kept unless it is an empty one left by a failed init. */
    void refuseToOverwriteAnOrphanVault() throws IOException {
        if (Files.notExists(enc)) {
            return;
        }
        byte[] orphan = Files.readAllBytes(enc);
        boolean emptyV2;
        try {
            emptyV2 = RecordFile.claimedRecordCount(orphan) == 0;
        } catch (dev.omnivault.adapter.seal.DamagedFileException notV2) {
            emptyV2 = false;
        }
        if (!emptyV2) {
            throw new IOException(enc + " exists without " + META_FILE
                    + "; move it away (it may hold secrets) before creating a new vault");
        }
    }

    /**
     * What a stat shows of {@code vault.enc} and the journal; a change by another writer shows in
     * it (a whole write is a new file, an append a longer journal), so a store that sees it
     * unchanged since its own last write knows the files are still as it left them.
     */
    record Seen(@Nullable Object enc, @Nullable Object journal) {}

    /** Their stat now; null when it cannot be taken (the next change then reads the files again). */
    @Nullable
    Seen seen() {
        try {
            return new Seen(stat(enc), stat(journal));
        } catch (IOException unknown) {
            return null;
        }
    }

    private static @Nullable Object stat(Path file) throws IOException {
        try {
            var attributes = Files.readAttributes(
                    file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return java.util.List.of(
                    java.util.Objects.requireNonNullElse(attributes.fileKey(), "no key"),
                    attributes.size(),
                    attributes.lastModifiedTime());
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    static VaultStoreException corrupted(Path file) {
        return new VaultStoreException(VaultStoreException.Kind.CORRUPTED, CORRUPTED + file);
    }

    static VaultStoreException corrupted(Path file, String detail) {
        return new VaultStoreException(VaultStoreException.Kind.CORRUPTED, CORRUPTED + file + " (" + detail + ")");
    }

    static VaultStoreException ioFailure(String what, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new VaultStoreException(VaultStoreException.Kind.IO_FAILURE, what + ": " + reason, cause);
    }
}
