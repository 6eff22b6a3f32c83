package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.platform.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's checks on a directory as a careless user or a crash leaves it, and what --fix may repair. */
class DoctorTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int doctor(Path home, String... options) throws IOException {
        out.reset();
        Platform platform = Platform.forOs("Linux", Map.of(Platform.HOME_VARIABLE, home.toString()), "/nowhere");
        var err = new ByteArrayOutputStream();
        return Doctor.run(
                platform,
                List.of(options),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Path file(Path home, String name, String mode) throws IOException {
        Path file = home.resolve(name);
        Files.writeString(file, "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private Path home() throws IOException {
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        file(home, "vault.meta", "rw-------");
        file(home, "vault.enc", "rw-------");
        return home;
    }

    @Test
    void aTidyDirectory_passesEveryCheck() throws IOException {
        assertEquals(0, doctor(dir.resolve("none")), said());
        assertTrue(said().contains("does not exist yet"), said());
        Path home = home();
        assertEquals(0, doctor(home), said());
        assertFalse(said().contains("FAIL"), said());
        assertTrue(said().contains("ok      daemon: not running"), said());
        assertTrue(said().contains("ok      vault.enc: yours, rw-------"), said());
    }

    @Test
    void whatACrashOrACarelessUserLeaves_isReported_andFixRepairsOnlyWhatIsSafe() throws IOException {
        Path home = home();
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home.resolve("vault.enc"), PosixFilePermissions.fromString("rw-r--r--"));
        file(home, Platform.SOCKET_FILE, "rw-------"); // a socket left by a daemon that was killed
        file(home, Platform.PID_FILE, "rw-r--r--");
        file(home, "omnivaultd-crash-4242.log", "rw-------");
        Path backup = file(home, "vault.enc.v1.bak", "rw-------");
        Path elsewhere = file(dir, "elsewhere", "rw-r--r--");
        Files.createSymbolicLink(home.resolve("planted"), elsewhere);

        assertEquals(1, doctor(home));
        String report = said();
        for (String expected : List.of(
                "FAIL    directory is rwxr-xr-x, readable by others: omnivault doctor --fix repairs it",
                "FAIL    vault.enc is rw-r--r--, readable by others",
                "FAIL    omnivaultd.sock is left by a daemon that is gone",
                "FAIL    omnivaultd.pid is left by a daemon that is gone",
                "FAIL    omnivaultd-crash-4242.log is a JVM crash log",
                "FAIL    backups: vault.enc.v1.bak still open with the Go vault's password",
                "FAIL    planted is a symbolic link")) {
            assertTrue(report.contains(expected), expected + " in:\n" + report);
        }

        assertEquals(1, doctor(home, "--fix"), "the backup and the link stay: they are the user's to remove");
        assertTrue(
                said().contains("fixed   vault.enc is rw-r--r--, readable by others: vault.enc is now rw-------"),
                said());
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("vault.enc"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertFalse(Files.exists(home.resolve(Platform.SOCKET_FILE)));
        assertFalse(Files.exists(home.resolve(Platform.PID_FILE)));
        assertFalse(Files.exists(home.resolve("omnivaultd-crash-4242.log")));
        assertTrue(Files.exists(backup), "a backup is never removed by doctor");
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere)),
                "a symbolic link is not followed");

        assertEquals(1, doctor(home));
        long failing = said().lines().filter(line -> line.startsWith("FAIL")).count();
        assertEquals(2, failing, said());
        assertEquals(2, doctor(home, "--bogus"));
    }
}
