package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/install} and {@code bin/package} as a user runs them: the tree they lay out runs
 * with no JDK on PATH, no JAVA_HOME and no source tree (the install is made from a copy of the
 * built tree, which is deleted before the installed command is used), an install over an install
 * is an upgrade, and {@code --uninstall} takes away what the install put there and nothing else.
 */
class InstallEndToEndIT {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private static Path sourceRoot() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isExecutable(at.resolve("bin/install"))) {
                return at;
            }
        }
        throw new AssertionError("bin/install not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * What a built checkout holds that the install reads: the scripts, the units and the two
     * programs' jars (with their times, so nothing looks newer than the build), and no sources.
     */
    private Path copyOfTheBuiltTree() throws IOException {
        Path root = sourceRoot();
        Path copy = dir.resolve("checkout");
        for (String folder : List.of("bin", "contrib", "bootstrap/target/lib", "bootstrap-cli/target/lib")) {
            try (Stream<Path> files = Files.walk(root.resolve(folder))) {
                for (Path file : files.toList()) {
                    Path to = copy.resolve(root.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return copy;
    }

    /** A PATH of the few tools the installed scripts call: no java, no mvn, no source tree. */
    private Path toolsWithoutJava() throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of(
                "bash",
                "sh",
                "env",
                "readlink",
                "dirname",
                "cat",
                "sed",
                "mkdir",
                "chmod",
                "mv",
                "rm",
                "curl",
                "seq",
                "sleep",
                "mktemp",
                "du",
                "cut",
                "tail")) {
            for (String folder : List.of("/usr/bin", "/bin")) {
                Path real = Path.of(folder, tool);
                if (Files.isExecutable(real)) {
                    Files.createSymbolicLink(tools.resolve(tool), real.toRealPath());
                    break;
                }
            }
        }
        assertFalse(Files.exists(tools.resolve("java")));
        return tools;
    }

    private Run run(Map<String, String> environment, String stdin, String... command) throws Exception {
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Run(
                process.exitValue(),
                new String(out.get(), StandardCharsets.UTF_8),
                new String(err.get(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The environment a build has: a JDK in JAVA_HOME, the usual PATH. */
    private Map<String, String> buildEnvironment(Path userHome) {
        return Map.of(
                "PATH",
                "/usr/local/bin:/usr/bin:/bin",
                "HOME",
                userHome.toString(),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "OMNIVAULT_NO_BUILD",
                "1");
    }

    private static List<Path> regularFiles(Path under) throws IOException {
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void theInstalledCommand_runsWithNoJdkAndNoSourceTree_andUninstallLeavesTheVault() throws Exception {
        Path checkout = copyOfTheBuiltTree();
        Path userHome = Files.createDirectories(dir.resolve("user"));
        Path prefix = dir.resolve("prefix");
        // what the user had under the prefix before: it stays, through install and uninstall
        Path theirs = Files.createDirectories(prefix.resolve("share/man/man1")).resolve("other.1");
        Files.writeString(theirs, "not ours");

        Run install = run(
                buildEnvironment(userHome),
                "",
                checkout.resolve("bin/install").toString(),
                "--prefix",
                prefix.toString());
        assertEquals(0, install.exitCode(), install.toString());
        assertTrue(install.out().contains("installed in " + prefix), install.out());
        deleteTree(checkout); // from here on there is no source tree, built or not

        Path omnivault = prefix.resolve("bin/omnivault");
        for (String file : List.of(
                "lib/omnivault/runtime/bin/java",
                "lib/omnivault/cli/omnivault-cli.aot",
                "lib/omnivault/daemon/omnivaultd.aot",
                "share/bash-completion/completions/omnivault",
                "share/zsh/site-functions/_omnivault",
                "share/fish/vendor_completions.d/omnivault.fish",
                "share/man/man1/omnivault.1",
                "share/systemd/user/omnivault.socket",
                "share/systemd/user/omnivault.service")) {
            assertTrue(Files.isRegularFile(prefix.resolve(file)), file);
        }
        assertFalse(Files.exists(prefix.resolve("lib/omnivault/runtime/jmods")));
        String service = Files.readString(prefix.resolve("share/systemd/user/omnivault.service"));
        assertTrue(service.contains("\nExecStart=" + omnivault + " daemon run\n"), service);
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) { // else SystemdUnitsTest says it is skipped
            SystemdUnitsTest.assertSystemdAccepts(prefix.resolve("share/systemd/user"));
        }
        assertEquals(
                "rw-r--r--",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(prefix.resolve("share/man/man1/omnivault.1"))));
        assertTrue(Files.readString(prefix.resolve("share/bash-completion/completions/omnivault"))
                .contains("omnivault"));

        Map<String, String> user = new HashMap<>();
        user.put("PATH", toolsWithoutJava().toString());
        user.put("HOME", userHome.toString());
        user.put("OMNIVAULT_HOME", dir.resolve("vault").toString());
        String ov = omnivault.toString();
        try {
            assertEquals(0, run(user, "", ov, "daemon", "start").exitCode());
            Run init = run(user, PASSWORD + "\n" + PASSWORD + "\n", ov, "init");
            assertEquals(0, init.exitCode(), init.toString());
            assertEquals(0, run(user, "", ov, "set", "app/db", "s3cr3t").exitCode());
            Run get = run(user, "", ov, "get", "app/db");
            assertEquals("s3cr3t\n", get.out(), get.toString());
            Run doctor = run(user, "", ov, "doctor");
            assertTrue(
                    doctor.out().contains("(" + prefix.resolve("lib/omnivault/runtime") + ")"),
                    "the daemon's Java is the installed runtime image:\n" + doctor);
            assertEquals(0, run(user, "", ov, "lock").exitCode());
            Run locked = run(user, "", ov, "get", "app/db");
            assertTrue(
                    locked.exitCode() != 0
                            && locked.err().toLowerCase(java.util.Locale.ROOT).contains("lock"),
                    locked.toString());
            assertEquals("", locked.out());
        } finally {
            run(user, "", ov, "daemon", "stop");
        }
        assertEquals(0, run(user, "", ov, "version").exitCode(), "the CLI, with its own cache, alone");

        // a symbolic link to the command (say from /usr/local/bin) finds the tree behind it
        Path link = Files.createDirectories(dir.resolve("elsewhere")).resolve("omnivault");
        Files.createSymbolicLink(link, omnivault);
        assertTrue(run(user, "", link.toString(), "version").out().startsWith("omnivault version "));

        Map<Path, byte[]> vault = contents(dir.resolve("vault"));
        assertFalse(vault.isEmpty());
        // a manifest someone edited: lines that leave the prefix are not followed
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not the install's");
        Path absolute = Files.writeString(dir.resolve("absolute.txt"), "not the install's either");
        Path emptyFolder = Files.createDirectories(dir.resolve("empty-folder"));
        Files.writeString(
                prefix.resolve("lib/omnivault/MANIFEST"),
                "../outside.txt\n" + absolute + "\nbin/../../outside.txt\nfolder ../empty-folder\nfolder " + emptyFolder
                        + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        Run uninstall = run(
                buildEnvironment(userHome),
                "",
                prefix.resolve("lib/omnivault/install").toString(),
                "--uninstall",
                "--prefix",
                prefix.toString());
        assertEquals(0, uninstall.exitCode(), uninstall.toString());
        assertEquals(List.of(theirs), regularFiles(prefix), "only what was there before is left");
        assertTrue(Files.exists(outside) && Files.exists(absolute), "nothing outside the prefix is removed");
        assertTrue(Files.isDirectory(emptyFolder), "not even an empty folder");
        assertFalse(Files.exists(prefix.resolve("bin")), "a folder the install made goes with it");
        assertTrue(Files.isDirectory(prefix.resolve("share/man/man1")), "one it found stays");
        Map<Path, byte[]> after = contents(dir.resolve("vault"));
        assertEquals(vault.keySet(), after.keySet(), "the vault's files are all there");
        for (Path file : vault.keySet()) {
            assertArrayEquals(vault.get(file), after.get(file), "the vault is untouched: " + file);
        }
        Run again = run(
                buildEnvironment(userHome),
                "",
                sourceRoot().resolve("bin/install").toString(),
                "--uninstall",
                "--prefix",
                prefix.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("no OmniVault is installed under " + prefix), again.err());
    }

    /** The commands of the README's "Install" block, as written (comments taken off). */
    static List<String> readmeInstallCommands() throws IOException {
        List<String> lines = Files.readAllLines(sourceRoot().resolve("README.md"));
        int heading = lines.indexOf("## Install");
        int start = lines.subList(heading, lines.size()).indexOf("```sh") + heading + 1;
        var commands = new java.util.ArrayList<String>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                break;
            }
            commands.add(line.replaceFirst("\\s+#.*$", ""));
        }
        return commands;
    }

    private Run shell(Path userHome, String command) throws Exception {
        var environment = new HashMap<>(buildEnvironment(userHome));
        return run(
                environment,
                "",
                "bash",
                "-c",
                "cd \"$1\" && " + command,
                "readme",
                sourceRoot().toString());
    }

    /**
     * The README's install block run as written, in a temporary HOME (so {@code ~/.local} and
     * {@code ~/opt/omnivault} are in it): an install, the same install again over an old jar (an
     * upgrade), one under another prefix, the uninstall of the first (the second stays), then the
     * tarball, unpacked somewhere else, used with no JDK, and made fast there by its setup.
     */
    @Test
    void theReadmesInstallBlock_asWritten_installsUpgradesRemovesAndPackages() throws Exception {
        List<String> commands = readmeInstallCommands();
        assertEquals(
                List.of(
                        "bin/install",
                        "bin/install --prefix ~/opt/omnivault",
                        "bin/install --uninstall",
                        "bin/package"),
                commands);
        Path userHome = Files.createDirectories(dir.resolve("user"));
        Path local = userHome.resolve(".local");
        Map<String, String> user = new HashMap<>();
        user.put("PATH", toolsWithoutJava().toString());
        user.put("HOME", userHome.toString());

        Run install = shell(userHome, commands.get(0));
        assertEquals(0, install.exitCode(), install.toString());
        assertTrue(install.out().contains("installed in " + local), install.out());
        assertTrue(install.out().contains("Add " + local.resolve("bin") + " to your PATH"), install.out());
        // a jar of an older version, as an earlier install would leave it: two versions of one
        // module on a path do not start, so an upgrade must take it away
        Path lib = local.resolve("lib/omnivault/cli/lib");
        Files.writeString(lib.resolve("omnivault-domain-0.0.1.jar"), "old");
        List<String> manifest = Files.readAllLines(local.resolve("lib/omnivault/MANIFEST"));
        Run upgrade = shell(userHome, commands.get(0));
        assertEquals(0, upgrade.exitCode(), upgrade.toString());
        assertFalse(Files.exists(lib.resolve("omnivault-domain-0.0.1.jar")));
        assertEquals(manifest, Files.readAllLines(local.resolve("lib/omnivault/MANIFEST")));
        assertEquals(
                0,
                run(user, "", local.resolve("bin/omnivault").toString(), "version")
                        .exitCode());

        Run elsewhere = shell(userHome, commands.get(1));
        assertEquals(0, elsewhere.exitCode(), elsewhere.toString());
        Path opt = userHome.resolve("opt/omnivault");
        assertTrue(Files.isExecutable(opt.resolve("bin/omnivault")));

        Run uninstall = shell(userHome, commands.get(2));
        assertEquals(0, uninstall.exitCode(), uninstall.toString());
        assertEquals(List.of(), regularFiles(local), "nothing of the install is left in ~/.local");
        assertTrue(run(user, "", opt.resolve("bin/omnivault").toString(), "version")
                .out()
                .startsWith("omnivault version "));
        Run bad = shell(userHome, "bin/install --prefx ~/x");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("unknown option --prefx"), bad.err());

        Run pack = shell(userHome, commands.get(3));
        assertEquals(0, pack.exitCode(), pack.toString());
        Path tarball = Path.of(pack.out().strip().split(" ")[0]);
        assertTrue(tarball.getFileName().toString().matches("omnivault-.+-linux-x64\\.tar\\.gz"), tarball.toString());
        Path unpacked = Files.createDirectories(dir.resolve("somewhere/else"));
        assertEquals(
                0,
                run(buildEnvironment(userHome), "", "tar", "-xzf", tarball.toString(), "-C", unpacked.toString())
                        .exitCode());
        Path tree;
        try (Stream<Path> top = Files.list(unpacked)) {
            tree = top.findFirst().orElseThrow();
        }
        assertTrue(tree.getFileName().toString().startsWith("omnivault-"), tree.toString());
        assertTrue(Files.isRegularFile(tree.resolve("share/man/man1/omnivault.1")));
        assertFalse(Files.exists(tree.resolve("lib/omnivault/cli/omnivault-cli.aot")), "a cache made elsewhere");
        user.put("OMNIVAULT_HOME", dir.resolve("vault").toString());
        String ov = tree.resolve("bin/omnivault").toString();
        try {
            assertEquals(0, run(user, "", ov, "daemon", "start").exitCode());
            assertEquals(
                    0, run(user, PASSWORD + "\n" + PASSWORD + "\n", ov, "init").exitCode());
            assertEquals(0, run(user, "", ov, "set", "k", "v").exitCode());
            assertEquals("v\n", run(user, "", ov, "get", "k").out());
        } finally {
            run(user, "", ov, "daemon", "stop");
        }
        Run setup = run(user, "", tree.resolve("lib/omnivault/setup").toString());
        assertEquals(0, setup.exitCode(), setup.toString());
        assertEquals("", setup.err(), "the setup is quiet when all goes well");
        assertTrue(Files.isRegularFile(tree.resolve("lib/omnivault/cli/omnivault-cli.aot")));
        assertTrue(Files.readString(tree.resolve("share/systemd/user/omnivault.service"))
                .contains("\nExecStart=" + ov + " daemon run\n"));
        assertEquals("omnivault", run(user, "", ov, "version").out().split(" ")[0]);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Map<Path, byte[]> contents(Path folder) throws IOException {
        var contents = new HashMap<Path, byte[]>();
        for (Path file : regularFiles(folder)) {
            contents.put(file, Files.readAllBytes(file));
        }
        return contents;
    }
}
