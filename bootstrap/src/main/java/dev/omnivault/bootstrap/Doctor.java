package dev.omnivault.bootstrap;

import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.bootstrap.cli.CliMain;
import dev.omnivault.platform.Platform;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code omnivault doctor [--fix]}: one line per check of this vault's installation — the
 * runtime, the directory's and the files' owners and modes, a stale socket or PID file, crash
 * logs, the daemon's version, leftover migration backups, free disk — each that fails saying
 * what to do. Exit 0 when every check passes, 1 otherwise. {@code --fix} makes only the repairs
 * that lose nothing a user needs: modes tightened, stale files removed, crash logs (which may
 * hold memory contents) removed. It never touches a vault file's content, and never a backup.
 */
final class Doctor {

    /** Below this much free space a write of the vault could fail. */
    static final long LOW_DISK_BYTES = 64L * 1024 * 1024;

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NUMBER_MODE = PosixFilePermissions.fromString("rw-r--r--");
    /** The files that hold only a PID, which others may read (SPEC §2: the PID file is 644). */
    private static final Set<String> NUMBER_FILES = Set.of(Platform.PID_FILE, DaemonLock.FILE);

    private final Platform platform;
    private final boolean fix;
    private final PrintStream out;
    private int failures;

    private Doctor(Platform platform, boolean fix, PrintStream out) {
        this.platform = platform;
        this.fix = fix;
        this.out = out;
    }

    static int run(List<String> options, PrintStream out, PrintStream err) throws IOException {
        return run(Platform.current(), options, out, err);
    }

    static int run(Platform platform, List<String> options, PrintStream out, PrintStream err) throws IOException {
        boolean fix = false;
        for (String option : options) {
            if (option.equals("--fix")) {
                fix = true;
            } else {
                err.println("Error: doctor takes --fix alone, not '" + option + "' (usage: omnivault doctor [--fix])");
                return 2;
            }
        }
        var doctor = new Doctor(platform, fix, out);
        doctor.checkAll();
        return doctor.failures == 0 ? 0 : 1;
    }

    private void checkAll() throws IOException {
        Runtime.Version version = Runtime.version();
        check(
                version.feature() >= 25,
                "runtime: Java " + version + " (" + System.getProperty("java.home") + ")",
                "Java " + version + " is older than 25: reinstall OmniVault");
        Path directory = platform.configDirectory();
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            ok("directory: " + directory + " does not exist yet (omnivault daemon start makes it)");
            return;
        }
        if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            fail("directory: " + directory + " is not a directory of its own (a symbolic link, or a file):"
                    + " move it aside; the daemon refuses it");
            return;
        }
        checkFile(directory, "directory", DIRECTORY_MODE);
        var files = new ArrayList<Path>();
        try (DirectoryStream<Path> listed = Files.newDirectoryStream(directory)) {
            listed.forEach(files::add);
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (Files.isSymbolicLink(file)) {
                fail(name + " is a symbolic link: the daemon never follows one there; move it aside");
            } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || name.equals(Platform.SOCKET_FILE)) {
                checkFile(file, name, NUMBER_FILES.contains(name) ? NUMBER_MODE : PRIVATE_MODE);
            }
        }
        checkDaemon(directory);
        checkCrashLogs(directory);
        checkBackups(directory);
        long free = Files.getFileStore(directory).getUsableSpace();
        check(
                free >= LOW_DISK_BYTES,
                "disk: " + free / (1024 * 1024) + " MiB free",
                "disk: only " + free / (1024 * 1024) + " MiB free where the vault is; a write may fail: free some");
    }

    private void checkDaemon(Path directory) throws IOException {
        boolean locked = DaemonLock.holder(directory) instanceof DaemonLock.Holder.Daemon;
        DaemonStatus status = null;
        try {
            status = CliMain.client(platform).daemonStatus();
        } catch (RuntimeException notThere) {
            // said below
        }
        if (status != null) {
            check(
                    status.version().equals(CliMain.version()),
                    "daemon: running, version " + status.version() + ", vault "
                            + (!status.vault().vaultExists()
                                    ? "not initialized"
                                    : status.vault().locked() ? "locked" : "unlocked"),
                    "daemon: it runs version " + status.version() + ", this is " + CliMain.version()
                            + ": restart it (omnivault daemon stop && omnivault daemon start)");
            return;
        }
        if (locked) {
            fail("daemon: one holds " + directory + " but does not answer: stop it (omnivault daemon stop)");
            return;
        }
        ok("daemon: not running (omnivault daemon start)");
        for (Path stale : List.of(platform.socketPath(), platform.pidFile())) {
            if (Files.exists(stale, LinkOption.NOFOLLOW_LINKS)) {
                repairable(
                        stale.getFileName() + " is left by a daemon that is gone",
                        () -> Files.delete(stale),
                        "removed " + stale.getFileName());
            }
        }
    }

    private void checkCrashLogs(Path directory) throws IOException {
        var logs = new ArrayList<Path>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, "omnivaultd-crash-*.log")) {
            found.forEach(logs::add);
        }
        for (Path log : logs) {
            repairable(
                    log.getFileName() + " is a JVM crash log, which may hold the daemon's memory",
                    () -> Files.delete(log),
                    "removed " + log.getFileName());
        }
    }

    private void checkBackups(Path directory) {
        var left = new ArrayList<String>();
        for (String name : List.of("vault.meta.v1.bak", "vault.enc.v1.bak")) {
            if (Files.exists(directory.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                left.add(name);
            }
        }
        check(
                left.isEmpty(),
                "backups: no Go OmniVault files left from a migration",
                "backups: " + String.join(" and ", left) + " still open with the Go vault's password: remove them"
                        + " with omnivault migrate --forget-backups (doctor --fix leaves them)");
    }

    /** Whether {@code path} is this user's and no more open than {@code wanted}; one line either way. */
    private void checkFile(Path path, String what, Set<PosixFilePermission> wanted) throws IOException {
        int owner = (int) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mine = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (owner != mine) {
            fail(what + ": owned by uid " + owner + ", not you (" + mine + "): the daemon refuses it; chown it back");
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        String shown = PosixFilePermissions.toString(mode);
        if (wanted.containsAll(mode)) {
            ok(what + ": yours, " + shown);
        } else {
            repairable(
                    what + " is " + shown + ", readable by others",
                    () -> Files.setPosixFilePermissions(path, wanted),
                    what + " is now " + PosixFilePermissions.toString(wanted));
        }
    }

    @FunctionalInterface
    private interface Repair {
        void run() throws IOException;
    }

    /** A failed check that {@code --fix} can repair safely. */
    private void repairable(String problem, Repair repair, String repaired) throws IOException {
        if (fix) {
            repair.run();
            out.println("fixed   " + problem + ": " + repaired);
        } else {
            fail(problem + ": omnivault doctor --fix repairs it");
        }
    }

    private void check(boolean passes, String ok, String failure) {
        if (passes) {
            ok(ok);
        } else {
            fail(failure);
        }
    }

    private void ok(String line) {
        out.println("ok      " + line);
    }

    private void fail(String line) {
        failures++;
        out.println("FAIL    " + line);
    }
}
