package dev.omnivault.adapter.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Owner-only modes for the vault directory (700) and files (600). They are given at creation, so
 * no umask can open a window in which a file is readable by others; an existing directory or file
 * with group or other access is tightened. On a file system without POSIX modes (Windows) nothing
 * is done here.
 */
final class FileModes {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private FileModes() {}

    static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    static FileAttribute<?>[] ownerOnlyFile() {
        return isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Makes sure {@code directory} exists with mode 700: created so if missing (its parents as
     * usual), tightened if it exists with group or other access. Refuses a symbolic link or a
     * directory owned by another user, as ssh does.
     */
    static void prepareDirectory(Path directory) throws IOException {
        if (Files.notExists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (isPosix()) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectory(directory);
            }
            return;
        }
        if (Files.isSymbolicLink(directory)) {
            throw new IOException(
                    directory + " is a symbolic link; refusing to use it (make it a directory of its own)");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(directory + " is not a directory; refusing to use it");
        }
        if (!isPosix()) {
            return;
        }
        String owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name", "");
        if (!owner.equals(me)) {
            throw new IOException(directory + " belongs to " + owner + ", not to " + me + "; refusing to use it");
        }
        tighten(directory, OWNER_ONLY_DIRECTORY);
    }

    /** Removes group and other access from an existing file or directory, if it has any. */
    static void tighten(Path path, Set<PosixFilePermission> ownerOnly) throws IOException {
        if (!isPosix() || Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (current.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            Files.setPosixFilePermissions(path, ownerOnly);
        }
    }
}
