package dev.omnivault.adapter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces a file so that a crash at any instant leaves either the old or the new content: write
 * a temporary file in the same directory (mode 600 from its creation), fsync it, rename it over
 * the target atomically, then fsync the directory so the rename itself is durable. On any
 * failure the temporary file is removed and the target is untouched.
 */
final class AtomicFileWriter {

    static final String TEMP_SUFFIX = ".tmp";

    /** Writes all of {@code content} to the new file {@code temp} and makes it durable. */
    @FunctionalInterface
    interface DurableSink {
        void writeDurably(Path temp, byte[] content) throws IOException;
    }

    private final DurableSink sink;

    AtomicFileWriter() {
        this(AtomicFileWriter::writeAndForce);
    }

    AtomicFileWriter(DurableSink sink) {
        this.sink = sink;
    }

    void replace(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(
                "." + target.getFileName() + "." + HexFormat.of().formatHex(Crypto.randomBytes(6)) + TEMP_SUFFIX);
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
        syncDirectory(Objects.requireNonNull(target.toAbsolutePath().getParent(), "a vault file has a directory"));
    }

    private static void writeAndForce(Path temp, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(
                temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FileModes.ownerOnlyFile())) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
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
