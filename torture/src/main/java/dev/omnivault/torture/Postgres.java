package dev.omnivault.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway PostgreSQL server for the team-vault scenario, driven only through Debian's programs
 * ({@code initdb}, {@code pg_ctl}, {@code psql}, {@code pg_dump}), as its administrator would: a
 * cluster in a temporary directory, trust on loopback, durable defaults; as the {@code postgres}
 * user when the suite runs as root.
 */
final class Postgres implements AutoCloseable {

    private final Path directory;
    private final Path bin;
    private final int port;

    private Postgres(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    /** Whether this machine has the server programs. */
    static boolean installed() {
        return binaries() != null;
    }

    static Postgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL server programs: apt-get install postgresql");
        }
        Path directory = Files.createTempDirectory("omnivault-torture-pg-");
        var server = new Postgres(directory, bin, Workbench.freeLoopbackPort());
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        server.asServerUser(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                server.data(),
                "-U",
                "omnivault",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C"));
        server.pgCtl("start");
        run(List.of(
                bin.resolve("createdb").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(server.port),
                "-U",
                "omnivault",
                "vault"));
        return server;
    }

    /** The daemon's {@code --store} address of the vault in {@code schema}. */
    String address(String schema) {
        return "postgresql://omnivault@127.0.0.1:" + port + "/vault?schema=" + schema;
    }

    /** Runs {@code sql} with psql and returns what it printed (unaligned, tuples only). */
    String sql(String sql) throws IOException, InterruptedException {
        return client("psql", "-d", "vault", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql);
    }

    /** Everything the database holds, as {@code pg_dump} writes it. */
    String dump() throws IOException, InterruptedException {
        return client("pg_dump", "vault");
    }

    /** One of the server's client programs against it, as the vault's database user; what it printed. */
    private String client(String program, String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                bin.resolve(program).toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "omnivault"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Restarts the server (fast shutdown: the daemons' connections are cut). */
    void restart() throws IOException, InterruptedException {
        pgCtl("restart", "-m", "fast");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "stop"));
        } finally {
            run(List.of("rm", "-rf", directory.toString()));
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void pgCtl(String... action) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"));
        command.addAll(List.of(action));
        asServerUser(command);
    }

    private static @Nullable Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.map(version -> version.resolve("bin"))
                        .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                        .max(Comparator.comparingInt(Postgres::version))
                        .orElse(null);
            } catch (IOException unreadable) {
                return null;
            }
        }
        return null;
    }

    /** 15 for {@code /usr/lib/postgresql/15/bin}. */
    private static int version(Path bin) {
        String digits = String.valueOf(bin.getParent()).replaceAll(".*/", "").replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 6 ? 0 : Integer.parseInt(digits);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: "
                    + output.strip());
        }
        return output;
    }
}
