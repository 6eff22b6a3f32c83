package dev.omnivault.adapter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The store's two durable writes. {@link #replace}: a crash at any instant leaves either the old
 * or the new content: write a temporary file in the same directory (mode 600 from its creation),
 * fsync it, rename it over the target atomically, then fsync the directory so the rename itself
 * is durable; on any failure before the rename the temporary file is removed and the target is
 * untouched. The rename is the commit point: once it is done the write has happened, and a failed
 * directory sync after it is reported as a durability warning, not as a failed write.
 * {@link #append}: bytes written at a given end of a file and fsync-ed; on failure the file is cut
 * back to that end (and a reader ignores a change cut short anyway).
 */
final class AtomicFileWriter {

    static final String TEMP_SUFFIX = ".tmp";

    /** Writes all of {@code content} to the new file {@code temp} and makes it durable. */
    @FunctionalInterface
    interface DurableSink {
        void writeDurably(Path temp, byte[] content) throws IOException;
    }

    /** Writes all of {@code content}'s pieces, in order, to the new file {@code temp} and makes it durable. */
    @FunctionalInterface
    private interface PartsSink {
        void writeDurably(Path temp, FileParts content) throws IOException;
    }

    /** Writes all of {@code bytes} into the existing {@code file} from offset {@code at} on, durably. */
    @FunctionalInterface
    interface AppendSink {
        void appendDurably(Path file, long at, byte[] bytes) throws IOException;
    }

    /** Makes the renames in a directory durable. */
    @FunctionalInterface
    interface DirectorySync {
        void sync(Path directory) throws IOException;
    }

    private final PartsSink sink;
    private final AppendSink appendSink;
    private final DirectorySync directorySync;
    private final Consumer<String> warnings;

    AtomicFileWriter(Consumer<String> warnings) {
        this.sink = AtomicFileWriter::writeAndForce;
        this.appendSink = AtomicFileWriter::appendAndForce;
        this.directorySync = AtomicFileWriter::syncDirectory;
        this.warnings = warnings;
    }

    AtomicFileWriter(DurableSink sink) {
        this(sink, AtomicFileWriter::appendAndForce);
    }

    AtomicFileWriter(DurableSink sink, AppendSink appendSink) {
        this(sink, appendSink, AtomicFileWriter::syncDirectory, warning -> {});
    }

    /** With {@code sink} for whole files, given each file's content in one array (tests). */
    AtomicFileWriter(DurableSink sink, AppendSink appendSink, DirectorySync directorySync, Consumer<String> warnings) {
        this.sink = (temp, content) -> sink.writeDurably(temp, content.toBytes());
        this.appendSink = appendSink;
        this.directorySync = directorySync;
        this.warnings = warnings;
    }

    /**
     * Writes {@code bytes} at offset {@code at} of {@code file} (dropping anything after it first:
     * the rest of a write that failed or was cut short) and makes them durable. On failure, cuts
     * the file back to {@code at} as far as it can and rethrows.
     */
    void append(Path file, long at, byte[] bytes) throws IOException {
        try {
            appendSink.appendDurably(file, at, bytes);
        } catch (IOException | RuntimeException failed) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(at);
                channel.force(true);
            } catch (IOException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
    }

    private static void appendAndForce(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() > at) {
                channel.truncate(at);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = at;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        }
    }

    void replace(Path target, byte[] content) throws IOException {
        replace(target, FileParts.of(content));
    }

    /** {@link #replace(Path, byte[])} with content written piece by piece (a whole vault, with no copy of it). */
    void replace(Path target, FileParts content) throws IOException {
        Path temp = target.resolveSibling(
                "." + target.getFileName() + "." + HexFormat.of().formatHex(randomName()) + TEMP_SUFFIX);
        try {
            sink.writeDurably(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomicHere) {
                throw new IOException("the file system cannot rename atomically: " + target.getParent(), notAtomicHere);
            }
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(temp);
            throw failed;
        }
        Path directory = Objects.requireNonNull(target.toAbsolutePath().getParent(), "a vault file has a directory");
        try {
            directorySync.sync(directory);
        } catch (IOException notSynced) {
            // The new content is in place and readable; only a power cut before the system flushes
            // the directory could undo the rename, so this is a warning, not a failed write.
            warnings.accept("the directory " + directory + " could not be synced after " + target.getFileName()
                    + " was written (" + notSynced.getMessage() + "); the write is in place but a power cut"
                    + " right now could undo it");
        }
    }

    private static final SecureRandom NAMES = new SecureRandom();

    /** Six random bytes for a temporary name nobody can guess ahead (to plant a link there). */
    private static byte[] randomName() {
        byte[] bytes = new byte[6];
        NAMES.nextBytes(bytes);
        return bytes;
    }

    /**
     * What is written in one call. The pieces (a record's frame is 36 bytes) are gathered into a
     * buffer of this size first, so a vault of 100,000 small records is not 200,000 system calls;
     * and the JDK, which copies what one call writes from the heap into a native buffer of the same
     * size, never needs one larger than this.
     */
    private static final int WRITE_BYTES = 1024 * 1024;

    private static void writeAndForce(Path temp, FileParts content) throws IOException {
        try (FileChannel channel = FileChannel.open(
                temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FileModes.ownerOnlyFile())) {
            ByteBuffer gathered = ByteBuffer.allocate((int) Math.min(WRITE_BYTES, Math.max(1, content.size())));
            long written = 0;
            for (var pieces = content.pieces(); pieces.hasNext(); ) {
                ByteBuffer piece = pieces.next();
                while (piece.hasRemaining()) {
                    int length = Math.min(piece.remaining(), gathered.remaining());
                    gathered.put(gathered.position(), piece, piece.position(), length);
                    gathered.position(gathered.position() + length);
                    piece.position(piece.position() + length);
                    if (!gathered.hasRemaining()) {
                        written += writeAll(channel, gathered);
                    }
                }
            }
            written += writeAll(channel, gathered);
            if (written != content.size()) {
                throw new IOException("wrote " + written + " bytes of " + content.size() + " to " + temp);
            }
            channel.force(true);
        }
    }

    /** Writes what {@code gathered} holds and empties it for more; how many bytes that was. */
    private static int writeAll(FileChannel channel, ByteBuffer gathered) throws IOException {
        gathered.flip();
        int length = gathered.remaining();
        while (gathered.hasRemaining()) {
            channel.write(gathered);
        }
        gathered.clear();
        return length;
    }

    /** Makes a rename durable. Linux and macOS allow fsync on a directory; Windows does not need it. */
    static void syncDirectory(Path directory) throws IOException {
        if (!FileModes.isPosix()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
