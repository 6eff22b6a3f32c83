package dev.omnivault.adapter.storage.postgresql.testing;

import dev.omnivault.adapter.storage.postgresql.PostgresLocation;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests: a throwaway cluster that {@code initdb} makes in a
 * temporary directory, started by {@code pg_ctl} on a free loopback port, with the binaries of
 * Debian's {@code postgresql} package; stopped and removed when the test JVM ends. PostgreSQL
 * refuses to run as root, so as root it runs as the {@code postgres} user. One server per test
 * JVM; each test takes a schema of its own ({@link #newSchema()}).
 */
public final class PostgresServer {

    public static final String USER = "omnivault";
    public static final String DATABASE = "vault";

    private static PostgresServer running;

    private final Path directory;
    private final Path bin;
    private final int port;
    private final AtomicInteger schemas = new AtomicInteger();

    private PostgresServer(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    /** The test JVM's server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException | InterruptedException | SQLException failed) {
                throw new IllegalStateException(
                        "could not start a PostgreSQL server for the tests: " + failed.getMessage(), failed);
            }
            PostgresServer server = running;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return running;
    }

    private static PostgresServer start() throws IOException, InterruptedException, SQLException {
        Path bin = binaries();
        Path directory = Files.createTempDirectory("omnivault-pg-");
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        var server = new PostgresServer(directory, bin, port);
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        server.runAsServerUser(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                directory.resolve("data").toString(),
                "-U",
                USER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync"));
        server.runAsServerUser(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                directory.resolve("data").toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return server;
    }

    /** The newest installed server's binaries ({@code /usr/lib/postgresql/N/bin}), else those on the PATH. */
    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresServer::versionNumber));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException unreadable) {
                // fall through to the PATH
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException(
                "no PostgreSQL server binaries (initdb, pg_ctl) found; install them: apt-get install postgresql");
    }

    private static int versionNumber(Path version) {
        try {
            return Integer.parseInt(version.getFileName().toString().replaceAll("\\D", ""));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void runAsServerUser(List<String> command) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8).strip());
        }
    }

    /** A fresh schema name: each test's vault is empty. */
    public String newSchema() {
        return "vault_" + schemas.incrementAndGet();
    }

    /** The {@code --store} address of the vault in {@code schema}. */
    public String address(String schema) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + DATABASE + "?schema=" + schema;
    }

    public PostgresLocation location(String schema) {
        return PostgresLocation.parse(address(schema), Map.of());
    }

    /** A connection to {@code database} as the cluster's superuser, for a test to change rows behind a store's back. */
    public Connection connect(String database) throws SQLException {
        var source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(USER);
        return source.getConnection();
    }

    /** The first column of every row {@code query} returns in the vaults' database, as bytes. */
    public List<byte[]> column(String query) {
        var values = new ArrayList<byte[]>();
        try (Connection connection = connect(DATABASE);
                Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getBytes(1));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(query + ": " + failed.getMessage(), failed);
        }
        return values;
    }

    /** Runs {@code sql} in the vaults' database. */
    public void execute(String sql) {
        try (Connection connection = connect(DATABASE);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(sql + ": " + failed.getMessage(), failed);
        }
    }

    private void stop() {
        try {
            runAsServerUser(List.of(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    directory.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "stop"));
        } catch (IOException | InterruptedException ignored) {
            // the JVM is ending; the directory goes below either way
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
