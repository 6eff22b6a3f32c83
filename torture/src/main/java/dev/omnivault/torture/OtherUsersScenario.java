package dev.omnivault.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Another user on the same machine, with the socket and its directories opened up to everyone
 * (as a careless chmod would): the daemon's peer-uid check must still refuse every connection.
 * Needs root, to act as another user (nobody, through setpriv); without it the scenario says so.
 */
final class OtherUsersScenario implements Scenario {

    private static final int NOBODY = 65534;

    @Override
    public String name() {
        return "other-users";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of(Figure.skipped(name(), "not root: cannot act as another user"));
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv")) || !Files.isExecutable(Path.of("/usr/bin/curl"))) {
            return List.of(Figure.skipped(name(), "setpriv or curl missing"));
        }
        try (Daemon daemon = bench.startInitialised("other-users")) {
            daemon.http().request("PUT", "/secret/mine/a", "{\"value\":\"not yours\"}");
            Path socket = daemon.home().resolve("omnivaultd.sock");
            for (Path dir = daemon.home();
                    dir != null && dir.startsWith(daemon.home().getParent());
                    dir = dir.getParent()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            }
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            int attempts = bench.quick() ? 20 : 100;
            long admitted = 0;
            long reached = 0;
            for (int i = 0; i < attempts; i++) {
                String[] request = switch (i % 3) {
                    case 0 -> new String[] {"http://localhost/status"};
                    case 1 -> new String[] {"http://localhost/secret/mine/a"};
                    default -> new String[] {"-X", "POST", "http://localhost/lock"};
                };
                String code = asNobody(socket, request);
                if (!code.equals("000")) {
                    reached++;
                }
                if (!code.equals("403") && !code.equals("000")) {
                    admitted++;
                }
            }
            boolean stillUnlocked =
                    "false".equals(Json.member(daemon.http().get("/status").body(), "locked"));
            return List.of(
                    Figure.info(name(), "connections as uid " + NOBODY, attempts + " (socket 0666)"),
                    Figure.check(
                            name(),
                            "answered at all (so the test reached it)",
                            reached,
                            "= " + attempts,
                            reached == attempts),
                    Figure.zero(name(), "admitted (anything but 403)", admitted),
                    Figure.check(
                            name(), "vault untouched (still unlocked)", stillUnlocked ? 1 : 0, "1", stillUnlocked));
        }
    }

    private static String asNobody(Path socket, String... request) throws Exception {
        var command = new java.util.ArrayList<>(List.of(
                "/usr/bin/setpriv",
                "--reuid=" + NOBODY,
                "--regid=" + NOBODY,
                "--clear-groups",
                "/usr/bin/curl",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--max-time",
                "10",
                "--unix-socket",
                socket.toString()));
        command.addAll(List.of(request));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        curl.waitFor();
        return out.strip();
    }
}
