package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code omnivault run} through a real daemon and a real CLI process: the program gets its
 * secrets in its environment (byte-exact, multi-line included) and none of the CLI's descriptors;
 * its exit status comes back; a missing reference stops it before it starts; {@code --mask} hides
 * the values in its output; a nested run and a program that does not exist fail as documented.
 */
class RunEndToEndTest {

    @TempDir
    Path home;

    @Test
    void theProgramGetsItsSecrets_andItsStatusComesBack() throws Exception {
        try (var daemon = DaemonProcess.start(home)) {
            var http = daemon.client();
            assertEquals(
                    200,
                    http.request("POST", "/init", "{\"password\":\"correct horse battery\"}")
                            .status());
            assertEquals(
                    200,
                    http.request(
                                    "PUT",
                                    "/secret/app/db",
                                    "{\"value\":\"line one\\nline two\",\"fields\":{\"user\":\"app\"}}")
                            .status());
            assertEquals(
                    200,
                    http.request("PUT", "/secret/app/api-key", "{\"value\":\"k-123\"}")
                            .status());

            var run = DaemonProcess.cli(
                    home,
                    "",
                    "run",
                    "--env",
                    "DB=omnivault://app/db",
                    "--env",
                    "DB_USER=omnivault://app/db#user",
                    "--",
                    "sh",
                    "-c",
                    "printf '%s|%s|%s' \"$DB\" \"$DB_USER\" \"$OMNIVAULT_RUN\"; exit 7");
            assertEquals(7, run.exitCode(), run.toString());
            assertEquals("line one\nline two|app|1", run.out());

            var prefixed = DaemonProcess.cli(home, "", "run", "--prefix", "app", "--", "sh", "-c", "echo \"$API_KEY\"");
            assertEquals("k-123\n", prefixed.out(), prefixed.toString());

            // none of the CLI's own descriptors (its jars, the JDK's image, a socket) reach the program
            var descriptors = DaemonProcess.cli(
                    home, "", "run", "--", "sh", "-c", "for fd in /proc/$$/fd/*; do readlink \"$fd\"; done; true");
            assertEquals(0, descriptors.exitCode(), descriptors.toString());
            assertFalse(descriptors.out().contains(".jar"), descriptors.out());
            assertFalse(descriptors.out().contains("/modules"), descriptors.out());
            assertFalse(descriptors.out().contains("socket:"), descriptors.out());

            var masked = DaemonProcess.cli(
                    home,
                    "",
                    "run",
                    "--mask",
                    "--env",
                    "KEY=omnivault://app/api-key",
                    "--",
                    "sh",
                    "-c",
                    "echo \"out $KEY\"; echo \"err $KEY\" >&2; exit 3");
            assertEquals(3, masked.exitCode(), masked.toString());
            assertEquals("out <concealed by omnivault>\n", masked.out());
            assertEquals("err <concealed by omnivault>\n", masked.err());

            Path marker = home.resolve("started");
            var missing = DaemonProcess.cli(
                    home, "", "run", "--env", "KEY=omnivault://app/gone", "--", "touch", marker.toString());
            assertEquals(4, missing.exitCode(), missing.toString());
            assertFalse(Files.exists(marker), "the program started although a reference was missing");

            var profiled = DaemonProcess.cli(
                    home,
                    Map.of("OMNIVAULT_PROFILE", "other"),
                    "",
                    "--profile",
                    "work",
                    "run",
                    "--",
                    "sh",
                    "-c",
                    "echo \"$OMNIVAULT_PROFILE\"");
            assertEquals("work\n", profiled.out(), "the program's omnivault commands use this command's profile");

            var nested = DaemonProcess.cli(home, Map.of("OMNIVAULT_RUN", "1"), "", "run", "--", "true");
            assertEquals(125, nested.exitCode(), nested.toString());
            var notFound = DaemonProcess.cli(home, "", "run", "--", "no-such-program-here");
            assertEquals(127, notFound.exitCode(), notFound.toString());
            assertEquals("Error: no-such-program-here: command not found\n", notFound.err());
            assertTrue(daemon.output().contains("secret accessed path=app/db"), daemon.output());
        }
    }
}
