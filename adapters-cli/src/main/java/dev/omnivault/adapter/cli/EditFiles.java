package dev.omnivault.adapter.cli;

import dev.omnivault.domain.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code omnivault edit} keeps the secret while the editor has it: a new folder of mode 700
 * on tmpfs ({@code $XDG_RUNTIME_DIR}, else {@code /dev/shm}; never a disk), a file of mode 600
 * in it, and, afterwards, every file in the folder (an editor's swap file too) overwritten with
 * zeros and removed, then the folder.
 */
final class EditFiles {

    private EditFiles() {}

    static Path privateFolder(Function<String, @Nullable String> environment) throws IOException {
        var candidates = new ArrayList<Path>();
        String runtime = environment.apply("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            candidates.add(Path.of(runtime));
        }
        candidates.add(Path.of("/dev/shm"));
        for (Path base : candidates) {
            if (Files.isDirectory(base) && Files.isWritable(base)) {
                return Files.createTempDirectory(
                        base,
                        "omnivault-edit-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        }
        throw new InvalidInputException("edit: no tmpfs to hold the secret while it is edited (neither"
                + " $XDG_RUNTIME_DIR nor /dev/shm); it is never written to a disk");
    }

    static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /**
     * The editor to run: {@code $VISUAL}, else {@code $EDITOR}, else {@code vi}. A vi, vim or
     * neovim gets told to keep no swap, backup, undo or viminfo file, which would hold the value
     * outside the private folder.
     */
    static String editor(Function<String, @Nullable String> environment) {
        String editor = "vi";
        for (String variable : List.of("VISUAL", "EDITOR")) {
            String given = environment.apply(variable);
            if (given != null && !given.isBlank()) {
                editor = given.strip();
                break;
            }
        }
        String program = editor.split("\\s+", 2)[0];
        String name = program.substring(program.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals("vi") || name.equals("vim") || name.equals("nvim")) {
            return editor + " -n -i NONE -c 'set nobackup nowritebackup noundofile noswapfile'";
        }
        return editor;
    }

    /** Overwrites every file in {@code folder} with zeros and removes it, then the folder; quietly. */
    static void wipe(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    overwrite(file);
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException gone) {
            // already removed (a second wipe, from the shutdown hook)
        }
        try {
            Files.deleteIfExists(folder);
        } catch (IOException notEmpty) {
            // a subfolder an editor made: left, inside a private folder on tmpfs
        }
    }

    private static void overwrite(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            ByteBuffer zeros = ByteBuffer.allocate(8192);
            for (long at = 0; at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                channel.write(zeros, at);
            }
            channel.force(true);
        }
    }
}
