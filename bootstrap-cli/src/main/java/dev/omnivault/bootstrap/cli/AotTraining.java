package dev.omnivault.bootstrap.cli;

import dev.omnivault.adapter.cli.SystemTerminal;
import dev.omnivault.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the CLI's ahead-of-time cache (JDK 25, JEP 483/514): the build runs this
 * once with {@code -XX:AOTCacheOutput}, so the classes a CLI call loads — picocli, the commands,
 * the client and its Unix-domain channel, Jackson's parser — are archived already parsed and linked.
 *
 * <p>It runs every everyday command, in this JVM, against a stand-in daemon that answers each
 * route of the API with a fixed, well-formed reply on a Unix socket in a temporary directory.
 * Nothing here is a test: the replies only have to make the CLI take its usual paths.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("omnivault-aot-training");
        try {
            Platform platform =
                    Platform.forOs("Linux", Map.of(Platform.HOME_VARIABLE, home.toString()), home.toString());
            try (var daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                daemon.bind(UnixDomainSocketAddress.of(platform.socketPath()));
                Thread server = Thread.ofPlatform().daemon().start(() -> serve(daemon));
                int runs = train(platform, home);
                System.out.println("AOT training: " + runs + " CLI calls against a stand-in daemon");
                server.interrupt();
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static int train(Platform platform, Path home) {
        List<List<String>> calls = List.of(
                List.of("status"),
                List.of("status", "--json"),
                List.of("unlock"),
                List.of("get", "api/key"),
                List.of("get", "api/key", "--json"),
                List.of("get", "api/key", "--field", "user"),
                List.of("get", "missing/one"),
                List.of("read", "omnivault://api/key"),
                // run up to its exec, which fails here (a program that does not exist): the training
                // JVM must go on, and every step before the exec is what a real run does
                List.of("run", "--env", "KEY=omnivault://api/key", "--", "/nonexistent/omnivault-aot-training"),
                List.of("list"),
                List.of("ls", "api", "--json"),
                List.of("set", "api/key", "value", "--tag", "env=prod"),
                List.of("set", "api/piped"),
                List.of("delete", "api/key", "--force"),
                List.of("lock"),
                List.of("version"),
                List.of("help"));
        var discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (List<String> call : calls) {
            var stdin = new ByteArrayInputStream("training password\n".getBytes(StandardCharsets.UTF_8));
            CliMain.run(call, discard, discard, platform, new SystemTerminal(stdin));
        }
        // And the most common failure: no daemon at all.
        Platform nowhere = Platform.forOs(
                "Linux", Map.of(Platform.HOME_VARIABLE, home.resolve("none").toString()), home.toString());
        CliMain.run(
                List.of("get", "api/key"),
                discard,
                discard,
                nowhere,
                new SystemTerminal(InputStream.nullInputStream()));
        return calls.size() + 1;
    }

    private static void serve(ServerSocketChannel daemon) {
        while (!Thread.currentThread().isInterrupted()) {
            try (SocketChannel connection = daemon.accept()) {
                answer(connection);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void answer(SocketChannel connection) throws IOException {
        InputStream in = Channels.newInputStream(connection);
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String text = head.toString();
        String lower = text.toLowerCase(Locale.ROOT);
        int length = 0;
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            length = Integer.parseInt(
                    lower.substring(at + 15, lower.indexOf("\r\n", at)).strip());
        }
        in.readNBytes(length);
        String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
        String route = requestLine[0] + " " + requestLine[1];
        int status = 200;
        String body;
        if (route.equals("GET /status")) {
            body = "{\"running\":true,\"locked\":false,\"vault_exists\":true,\"secret_count\":2,"
                    + "\"unlocked_at\":\"2026-01-01T10:00:00Z\",\"uptime\":\"1m30s\",\"version\":\""
                    + CliMain.version() + "\",\"auto_lock_at\":\"2026-01-01T10:15:00Z\"}";
        } else if (route.startsWith("GET /secret/missing")) {
            status = 404;
            body = "{\"error\":\"secret not found\",\"code\":\"SECRET_NOT_FOUND\"}";
        } else if (route.startsWith("GET /secret/")) {
            body = "{\"path\":\"api/key\",\"value\":\"v\",\"fields\":{\"user\":\"u\"},\"tags\":{\"env\":\"prod\"},"
                    + "\"created_at\":\"2026-01-01T10:00:00Z\",\"updated_at\":\"2026-01-01T10:05:00Z\"}";
        } else if (route.equals("POST /resolve")) {
            body = "{\"values\":[\"v\"]}";
        } else if (route.startsWith("GET /secrets")) {
            body = "{\"secrets\":[{\"path\":\"api/key\",\"has_value\":true,\"has_fields\":true,\"tags\":[\"env\"],"
                    + "\"updated_at\":\"2026-01-01T10:05:00Z\"}],\"count\":1}";
        } else {
            body = "{\"success\":true,\"message\":\"done\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = Channels.newOutputStream(connection);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
