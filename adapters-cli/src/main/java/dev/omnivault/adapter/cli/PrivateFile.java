package dev.omnivault.adapter.cli;

import dev.omnivault.domain.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file that holds secrets, written as {@code inject -o} writes it: into a new file of mode 600
 * beside the target, synced, then put in place in one step, so no reader ever sees part of it and
 * no other user can read it. Without {@code replace}, an existing target (a symbolic link
 * included, dangling or not) is never overwritten, also when it appears meanwhile: the new file is
 * hard-linked to the target's name, which fails if the name is taken. With it, the name is
 * renamed over, so a symbolic link planted there is replaced, never followed.
 */
final class PrivateFile {

    private PrivateFile() {}

    static void write(Path target, byte[] content, boolean replace) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = Files.createTempFile(
                folder,
                "." + absolute.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (replace) {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(absolute, temporary);
            }
        } catch (FileAlreadyExistsException taken) {
            throw new InvalidInputException(target + " exists; --force replaces it");
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
