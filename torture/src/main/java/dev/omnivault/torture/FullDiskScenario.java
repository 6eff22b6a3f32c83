package dev.omnivault.torture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The vault on a tiny tmpfs filled to the brim: writes fail with a clear error, nothing already
 * stored is lost, and writes succeed again once space returns. Needs root (to mount); without it
 * the scenario says SKIPPED and why. (The storage tests cover the same with an injected failure.)
 */
final class FullDiskScenario implements Scenario {

    private static final int STORED = 5;
    private static final int ATTEMPTS = 10;

    @Override
    public String name() {
        return "full-disk";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of(Figure.skipped(name(), "not root: cannot mount a small tmpfs"));
        }
        Path mount = bench.newHome("full-disk-mount");
        Files.createDirectories(mount);
        String mounted = run("mount", "-t", "tmpfs", "-o", "size=2m,mode=700", "tmpfs", mount.toString());
        if (!mounted.isEmpty()) {
            return List.of(Figure.skipped(name(), "mount failed: " + mounted));
        }
        try {
            return onFullDisk(bench, mount);
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private List<Figure> onFullDisk(Workbench bench, Path mount) throws Exception {
        Path home = mount.resolve("h");
        try (Daemon daemon = bench.start(home)) {
            daemon.http().request("POST", "/init", "{\"password\":\"" + Workbench.PASSWORD + "\"}");
            for (int i = 0; i < STORED; i++) {
                daemon.http().request("PUT", "/secret/kept/s" + i, "{\"value\":\"kept value " + i + "\"}");
            }
            Path filler = mount.resolve("filler");
            fill(filler);

            String big = "x".repeat(20_000);
            long answered200 = 0;
            long clear = 0;
            String example = "";
            for (int i = 0; i < ATTEMPTS; i++) {
                var reply = daemon.http().request("PUT", "/secret/new/s" + i, "{\"value\":\"" + big + "\"}");
                if (reply.status() == 200) {
                    answered200++;
                } else {
                    String error = Json.member(reply.body(), "error").toLowerCase(Locale.ROOT);
                    if (error.contains("space")) {
                        clear++;
                    }
                    example = reply.status() + " " + reply.body().strip();
                }
            }
            long lost = 0;
            for (int i = 0; i < STORED; i++) {
                if (!("kept value " + i)
                        .equals(Json.member(
                                daemon.http().get("/secret/kept/s" + i).body(), "value"))) {
                    lost++;
                }
            }
            daemon.http().request("POST", "/lock", "");
            boolean unlocksWhenFull = daemon.http()
                            .request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}")
                            .status()
                    == 200;

            Files.delete(filler);
            boolean writesAgain = daemon.http()
                                    .request("PUT", "/secret/new/after", "{\"value\":\"space is back\"}")
                                    .status()
                            == 200
                    && "space is back"
                            .equals(Json.member(
                                    daemon.http().get("/secret/new/after").body(), "value"));
            return List.of(
                    Figure.info(
                            name(), "writes tried on a full 2 MiB tmpfs", ATTEMPTS + ", e.g. " + abbreviate(example)),
                    Figure.zero(name(), "writes that answered 200 on a full disk", answered200),
                    Figure.check(
                            name(), "failures that say the disk is full", clear, "= " + ATTEMPTS, clear == ATTEMPTS),
                    Figure.zero(name(), "stored secrets lost", lost),
                    Figure.check(name(), "unlocks while full", unlocksWhenFull ? 1 : 0, "1", unlocksWhenFull),
                    Figure.check(name(), "writes again once space returns", writesAgain ? 1 : 0, "1", writesAgain));
        }
    }

    /** Writes zeros until the file system refuses: full to the brim. */
    private static void fill(Path filler) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // that is the point
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // to the last byte
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 90 ? text : text.substring(0, 90) + "…";
    }

    /** Runs a command; returns "" on success, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? "" : output.strip();
    }
}
