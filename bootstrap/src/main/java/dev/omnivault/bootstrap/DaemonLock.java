package dev.omnivault.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One daemon per vault: an exclusive lock on {@code omnivaultd.lock} in the config directory, taken
 * before the daemon writes anything there and held for its whole life, whatever its transport.
 * The file names the holder's PID. The operating system drops the lock when the process ends, a
 * {@code kill -9} included, so a lock that is held always belongs to a live daemon of this
 * directory, and the PID it names can be trusted where a PID file cannot.
 */
final class DaemonLock implements AutoCloseable {

    static final String FILE = "omnivaultd.lock";

    /** How long a starting daemon waits for the lock: a CLI probing it holds it for an instant. */
    private static final long ACQUIRE_PATIENCE_MILLIS = 1500;

    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Who holds the lock of a directory, as far as another process can tell. */
    sealed interface Holder {
        /** No daemon holds it. */
        record None() implements Holder {}

        /** A live daemon holds it; its PID, when the file names one that is alive and old enough. */
        record Daemon(Optional<Long> pid) implements Holder {}
    }

    /**
     * Takes the lock of {@code directory} for this process and writes this process's PID into it;
     * empty when another daemon holds it.
     */
    static Optional<DaemonLock> acquire(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACQUIRE_PATIENCE_MILLIS);
        while (true) {
            FileChannel channel = open(directory.resolve(FILE), true);
            FileLock lock = tryLock(channel, false);
            if (lock != null) {
                byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(pid), 0);
                channel.force(true);
                return Optional.of(new DaemonLock(channel, lock));
            }
            channel.close();
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(50);
        }
    }

    /**
     * Who holds the lock of {@code directory}. Probes it with a shared lock, released at once: a
     * daemon starting in that instant waits for it ({@link #ACQUIRE_PATIENCE_MILLIS}).
     */
    static Holder holder(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        FileChannel channel;
        try {
            channel = open(file, false);
        } catch (NoSuchFileException none) {
            return new Holder.None();
        }
        try (channel) {
            FileLock probe = tryLock(channel, true);
            if (probe != null) {
                probe.release();
                return new Holder.None();
            }
            return new Holder.Daemon(namedPid(channel, file));
        }
    }

    /**
     * The PID the file names, if that process is alive and started before the file was last
     * written: a PID reused by a later process is not taken for the daemon's.
     */
    private static Optional<Long> namedPid(FileChannel channel, Path file) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        try {
            channel.read(content, 0);
        } catch (IOException lockedAgainstReading) {
            return Optional.empty(); // Windows' locks are mandatory: the holder's PID cannot be read there
        }
        String text = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException notYetWritten) {
            return Optional.empty();
        }
        Instant written =
                Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info()
                        .startInstant()
                        .map(started -> !started.isAfter(written.plusSeconds(1)))
                        .orElse(true))
                .map(ProcessHandle::pid);
    }

    private static FileChannel open(Path file, boolean create) throws IOException {
        // Never through a planted link: the lock must be this directory's own file.
        Set<OpenOption> options =
                new HashSet<>(Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        if (create) {
            options.add(StandardOpenOption.CREATE);
        }
        FileAttribute<?>[] ownerOnly =
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        return FileChannel.open(file, options, ownerOnly);
    }

    private static @Nullable FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /** Releases the lock (the daemon is ending); the file stays, so its inode is the one every daemon locks. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
