package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config directory is checked before anything is created in it, by the daemon and by daemon
 * start: a symbolic link or another user's directory is refused, loose modes are tightened, and no
 * file of ours is written through a link planted in it.
 */
class ConfigDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aConfigDirThatIsASymbolicLink_isRefused_andNothingIsCreatedWhereItPoints() throws Exception {
        Path target = Files.createDirectory(dir.resolve("elsewhere"));
        Path home = Files.createSymbolicLink(dir.resolve("home"), target);
        try (var daemon = DaemonProcess.launch(home)) {
            assertEquals(1, daemon.awaitExit(), daemon.output());
            assertTrue(
                    daemon.output().contains("Error: " + home + " is a symbolic link; refusing to use it"),
                    daemon.output());
        }
        var start = DaemonProcess.cli(home, "", "daemon", "start");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains(home + " is a symbolic link"), start.err());
        try (var files = Files.list(target)) {
            assertEquals(List.of(), files.toList(), "no socket, lock, PID or log file through the link");
        }
    }

    @Test
    void aConfigDirOpenToOthers_isTightenedTo700_beforeTheDaemonWritesInIt() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var daemon = DaemonProcess.start(home)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        }
    }

    @Test
    void aConfigDirOfAnotherUser_isRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory away");
        Path home = Files.createDirectory(dir.resolve("home"));
        UserPrincipal nobody =
                home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(home, nobody);
        try (var daemon = DaemonProcess.launch(home)) {
            assertEquals(1, daemon.awaitExit(), daemon.output());
            assertTrue(
                    daemon.output().contains(home + " belongs to nobody, not to root; refusing to use it"),
                    daemon.output());
        }
        try (var files = Files.list(home)) {
            assertEquals(List.of(), files.toList(), "nothing was created in it");
        }
    }

    @Test
    void linksPlantedAtTheLogAndPidFile_areNeitherFollowedNorWritten() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path victim = Files.writeString(dir.resolve("victim"), "someone else's file\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        Path log = Files.createSymbolicLink(home.resolve("omnivaultd.log"), victim);
        var start = DaemonProcess.cli(home, "", "daemon", "start");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains("omnivaultd.log is a symbolic link"), start.err());
        Files.delete(log);

        Files.createSymbolicLink(home.resolve("omnivaultd.pid"), victim);
        try (var daemon = DaemonProcess.start(home)) {
            assertFalse(Files.isSymbolicLink(home.resolve("omnivaultd.pid")), "the link was replaced, not followed");
            assertEquals(
                    Long.toString(daemon.process.pid()),
                    Files.readString(home.resolve("omnivaultd.pid")).strip());
        }
        assertEquals("someone else's file\n", Files.readString(victim));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
    }
}
