package dev.omnivault.adapter.client;

import dev.omnivault.application.port.in.DaemonUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the daemon listens: how to connect, and what each request must carry to be admitted. */
sealed interface Endpoint permits UnixSocketEndpoint, TcpEndpoint {
    /** A connected transport; {@link DaemonUnavailableException} when nothing answers there. */
    Connection connect() throws IOException;

    /** Header lines this transport adds to each request (each ending in CRLF); the caller zeroes them. */
    byte[] credentials() throws IOException;

    /**
     * Makes sure {@code connection} leads to this vault's daemon before anything secret is sent
     * on it; an impostor gets an {@link IllegalStateException} that names where it answers.
     */
    void authenticate(Connection connection) throws IOException;

    /** How long a request may wait for the daemon, on any transport. */
    int TIMEOUT_MILLIS = 30_000;

    /** The current user's name: the one the daemon, its socket and its files must belong to. */
    static String me() {
        return System.getProperty("user.name", "");
    }

    static boolean posix() {
        return java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix");
    }

    /** {@code file} must be the user's and neither readable nor writable by anyone else. */
    static void requirePrivate(Path file) throws IOException {
        if (!posix()) {
            return;
        }
        var attributes = Files.readAttributes(
                file, java.nio.file.attribute.PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        boolean others =
                attributes.permissions().stream().anyMatch(p -> !p.name().startsWith("OWNER"));
        if (!attributes.isRegularFile() || !attributes.owner().getName().equals(me()) || others) {
            throw new IllegalStateException(file + " is not a private file of " + me() + " (owner "
                    + attributes.owner().getName() + ", mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions())
                    + "); refusing to use it");
        }
    }
}
