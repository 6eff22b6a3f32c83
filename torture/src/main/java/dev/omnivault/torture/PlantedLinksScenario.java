package dev.omnivault.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Someone prepares the config directory before the owner starts the daemon: the directory itself
 * a symbolic link, links at the log and the PID file, a directory open to everyone, and (as root)
 * a directory owned by another user. No file may be written through a link, no daemon may start
 * in a directory that is a link or someone else's, and a loose directory must be made 700.
 */
final class PlantedLinksScenario implements Scenario {

    @Override
    public String name() {
        return "planted-links";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        long writtenThrough = 0;
        long startedWhereRefused = 0;
        var victims = new ArrayList<Path>();
        Path root = bench.newHome("planted");
        Files.createDirectories(root);

        // the config dir is a link to a directory of the attacker's choosing
        Path target = Files.createDirectory(root.resolve("target"));
        Path linkedHome = Files.createSymbolicLink(root.resolve("linked-home"), target);
        Process linked = bench.launch(linkedHome);
        if (!linked.waitFor(30, TimeUnit.SECONDS) || linked.exitValue() == 0) {
            startedWhereRefused++;
        }
        linked.destroyForcibly();
        var start = bench.cli(linkedHome, "daemon", "start");
        startedWhereRefused += start.exitCode() == 0 ? 1 : 0;
        try (var files = Files.list(target)) {
            writtenThrough += files.count();
        }

        // links at the log and at the PID file, to a file the attacker wants changed
        Path home = Files.createDirectory(root.resolve("home"));
        Path victim = Files.writeString(root.resolve("victim"), "untouched\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));
        victims.add(victim);
        Files.createSymbolicLink(home.resolve("omnivaultd.log"), victim);
        startedWhereRefused += bench.cli(home, "daemon", "start").exitCode() == 0 ? 1 : 0;
        Files.delete(home.resolve("omnivaultd.log"));
        Files.createSymbolicLink(home.resolve("omnivaultd.pid"), victim);
        try (Daemon daemon = bench.start(home)) {
            daemon.answers();
        }

        // a directory everyone may write to
        Path loose = Files.createDirectory(root.resolve("loose"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxrwxrwx"));
        String looseMode;
        try (Daemon daemon = bench.start(loose)) {
            looseMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(loose));
        }

        // a directory of another user (root only: it takes root to give one away)
        long foreignTried = 0;
        if ("root".equals(System.getProperty("user.name"))) {
            Path foreign = Files.createDirectory(root.resolve("foreign"));
            UserPrincipal nobody =
                    foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(foreign, nobody);
            foreignTried = 1;
            Process process = bench.launch(foreign);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() == 0) {
                startedWhereRefused++;
            }
            process.destroyForcibly();
            try (var files = Files.list(foreign)) {
                writtenThrough += files.count();
            }
        }
        for (Path file : victims) {
            if (!"untouched\n".equals(Files.readString(file))
                    || !"rw-------".equals(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))) {
                writtenThrough++;
            }
        }
        return List.of(
                Figure.info(
                        name(),
                        "planted: dir link, log and PID links, loose dir, foreign dir",
                        (4 + foreignTried) + (foreignTried == 0 ? " (not root: no foreign dir)" : "")),
                Figure.zero(name(), "files written or changed through them", writtenThrough),
                Figure.zero(name(), "daemons started in a linked or foreign dir", startedWhereRefused),
                Figure.check(
                        name(),
                        "loose dir's mode once the daemon started",
                        looseMode.equals("rwx------") ? 700 : 0,
                        "700",
                        looseMode.equals("rwx------")));
    }
}
