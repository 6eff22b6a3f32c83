package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, mv, cp, find and inject through a real daemon and CLI processes: a stored password
 * never reaches the CLI's stdout, a rename keeps created_at and leaves nothing at the old path,
 * a taken destination needs --force, and the daemon's log holds no value.
 */
class EverydayEndToEndTest {

    @TempDir
    Path home;

    @Test
    void generateMoveCopyFindAndInject_throughTheDaemon() throws Exception {
        try (var daemon = DaemonProcess.start(home)) {
            assertEquals(
                    0,
                    DaemonProcess.cli(home, "password one\npassword one\n", "init")
                            .exitCode());

            var generated = DaemonProcess.cli(home, "", "generate", "db/password");
            assertEquals("Secret 'db/password' saved\n", generated.out(), generated.toString());
            var value = DaemonProcess.cli(home, "", "read", "omnivault://db/password", "-n");
            assertEquals(24, value.out().length(), value.out());
            assertTrue(value.out().matches("[!-~]{24}"), value.out());
            var again = DaemonProcess.cli(home, "", "generate", "db/password");
            assertEquals(6, again.exitCode(), again.toString());
            var rotated = DaemonProcess.cli(home, "", "generate", "db/password", "--force", "--words", "4", "--print");
            assertEquals(0, rotated.exitCode(), rotated.toString());
            assertTrue(rotated.out().matches("[a-z]{3,8}(-[a-z]{3,8}){3}\n"), rotated.out());
            assertEquals(
                    rotated.out(),
                    DaemonProcess.cli(home, "", "read", "omnivault://db/password")
                            .out());

            var created =
                    DaemonProcess.cli(home, "", "get", "db/password", "--json").out();
            assertEquals(
                    0,
                    DaemonProcess.cli(home, "", "set", "db/user", "app", "--tag", "env=Production")
                            .exitCode());
            var moved = DaemonProcess.cli(home, "", "mv", "db/password", "prod/db/password");
            assertEquals("Secret 'db/password' moved to 'prod/db/password'\n", moved.out(), moved.toString());
            assertEquals(4, DaemonProcess.cli(home, "", "get", "db/password").exitCode());
            var after = DaemonProcess.cli(home, "", "get", "prod/db/password", "--json")
                    .out();
            assertEquals(createdAt(created), createdAt(after), "mv keeps created_at");
            assertEquals(
                    6,
                    DaemonProcess.cli(home, "", "cp", "db/user", "prod/db/password")
                            .exitCode());
            assertEquals(
                    0,
                    DaemonProcess.cli(home, "", "cp", "db/user", "prod/db/user").exitCode());
            assertEquals(
                    "app\n",
                    DaemonProcess.cli(home, "", "read", "omnivault://db/user").out());

            var found = DaemonProcess.cli(home, "", "find", "PRODUCTION");
            assertEquals("db/user [env]\nprod/db/user [env]\n\n2 secret(s)\n", found.out(), found.toString());

            Path template = home.resolve("app.conf.tpl");
            Files.writeString(
                    template, "user={{ omnivault://prod/db/user }}\npassword={{ omnivault://prod/db/password }}\n");
            Path config = home.resolve("app.conf");
            var injected = DaemonProcess.cli(home, "", "inject", "-i", template.toString(), "-o", config.toString());
            assertEquals(0, injected.exitCode(), injected.toString());
            assertEquals("user=app\npassword=" + rotated.out(), Files.readString(config));

            String log = daemon.output();
            assertFalse(log.contains(rotated.out().strip()), "the daemon's log holds no value");
            assertTrue(log.contains("secret deleted path=db/password"), log);
        }
    }

    private static String createdAt(String json) {
        int at = json.indexOf("\"created_at\":\"");
        return json.substring(at, json.indexOf('"', at + 14));
    }
}
