package dev.omnivault.adapter.storage.postgresql;

import dev.omnivault.application.port.out.VaultStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * The highest revision of a vault this daemon has seen, kept in its own directory (one file per
 * vault, named by the vault's public id): a database that answers with an older revision was
 * rolled back or restored from an older backup, and is refused rather than read as the truth,
 * since changes acknowledged since would be silently gone. Raised on every revision read, and on
 * every one this daemon's writes committed (never on one a write was about to make); written
 * through a temporary file and a rename, not synced (a crash may lower it to an earlier one seen,
 * never raise it past the truth).
 */
final class RevisionFloor {

    private final Path directory;
    private final String location;
    /**
     * The highest revision of each floor file as this daemon last read or wrote it: one daemon
     * uses a directory (its lock), so the file changes only through here, and a write need not
     * read it again.
     */
    private final java.util.Map<Path, Long> known = new java.util.HashMap<>();
    /** Files whose latest value is not written yet. */
    private final java.util.Set<Path> behind = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The one thread that writes the files, in order. */
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("omnivault-revision-floor").factory());

    RevisionFloor(Path directory, String location) {
        this.directory = directory;
        this.location = location;
    }

    /**
     * Checks {@code revision} of the vault {@code vaultId} against the highest seen, and raises it.
     *
     * @throws VaultStoreException ({@code CORRUPTED}) when the revision went back
     */
    synchronized void saw(byte[] vaultId, long revision) {
        check(vaultId, revision, false);
    }

    /**
     * Checks {@code revision}, which a write is about to create, against the highest seen: it must
     * be newer (one equal to a revision seen would fork the vault's history). Raises nothing: the
     * write may yet fail or be refused, and a floor raised past what the database holds would
     * refuse the vault for good; {@link #wrote} raises it once the write is committed.
     *
     * @throws VaultStoreException ({@code CORRUPTED}) when it is not
     */
    synchronized void writing(byte[] vaultId, long revision) {
        check(vaultId, revision, true);
    }

    /** Raises the floor to {@code revision}, which a write of this daemon committed (never lowers it). */
    synchronized void wrote(byte[] vaultId, long revision) {
        Path file = file(vaultId);
        if (revision > highest(file)) {
            write(file, revision);
        }
    }

    private Path file(byte[] vaultId) {
        return directory.resolve("postgresql-" + HexFormat.of().formatHex(vaultId) + ".revision");
    }

    private void check(byte[] vaultId, long revision, boolean creating) {
        Path file = file(vaultId);
        long highest = highest(file);
        if (revision < highest || (creating && revision == highest)) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.CORRUPTED,
                    "the vault in " + location + " is at revision " + (creating ? revision - 1 : revision)
                            + ", older than revision " + highest
                            + " this daemon has seen: the database was rolled back or restored from an older backup,"
                            + " and changes made since would be lost; nothing was changed. If it was restored on purpose,"
                            + " remove " + file);
        }
        if (!creating && revision > highest) {
            write(file, revision);
        }
    }

    private long highest(Path file) {
        return known.computeIfAbsent(file, RevisionFloor::read);
    }

    private static long read(Path file) {
        try {
            return Long.parseLong(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException first) {
            return 0;
        } catch (IOException | NumberFormatException unreadable) {
            return 0; // an unreadable floor protects nothing, and must not lock the owner out
        }
    }

    /**
     * Raises the floor of {@code file} to {@code revision}: at once here (the checks read {@link
     * #known}), and in the file on the floor's own thread, which writes the latest value of each
     * file that changed since it last wrote it, so a burst of writes costs one file write, not one
     * each (a file write is about a tenth of a millisecond, most of a write's own cost). The file
     * may lag the truth, never pass it, as a crash could leave it anyway.
     */
    private void write(Path file, long revision) {
        known.put(file, revision);
        if (behind.add(file)) {
            writer.execute(() -> {
                behind.remove(file);
                long latest;
                synchronized (this) {
                    latest = known.getOrDefault(file, revision);
                }
                persist(file, latest);
            });
        }
    }

    /** Waits until every raise so far is in its file (a store that closes; a test that restarts a daemon). */
    void flush() {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        try {
            writer.execute(() -> done.complete(null));
            done.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
            // everything was written when it closed
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notKept) {
            // the floor is only as strong as the last value kept
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is still to write, then stops the floor's thread. */
    void close() {
        flush();
        writer.shutdown();
    }

    private void persist(Path file, long revision) {
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".revision", ".tmp");
            try {
                Files.writeString(temp, revision + "\n", StandardCharsets.US_ASCII);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException notKept) {
            // the check is only as strong as the last floor kept; the vault itself is unaffected
        }
    }
}
