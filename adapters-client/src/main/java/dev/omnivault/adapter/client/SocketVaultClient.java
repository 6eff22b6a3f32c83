package dev.omnivault.adapter.client;

import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.ChangePassphraseUseCase;
import dev.omnivault.application.port.in.DaemonStatus;
import dev.omnivault.application.port.in.DaemonStatusUseCase;
import dev.omnivault.application.port.in.DaemonUnavailableException;
import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.DeleteSecretUseCase;
import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.ExportSecretsUseCase;
import dev.omnivault.application.port.in.ForgetLegacyBackupsUseCase;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.GetSecretUseCase;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.ImportSecretsUseCase;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.InitVaultUseCase;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.ListSecretsUseCase;
import dev.omnivault.application.port.in.LockVaultUseCase;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.PutSecretResult;
import dev.omnivault.application.port.in.PutSecretUseCase;
import dev.omnivault.application.port.in.StopDaemonUseCase;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.in.UnlockVaultUseCase;
import dev.omnivault.application.port.in.VaultStatus;
import dev.omnivault.application.port.in.VaultStatusUseCase;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import dev.omnivault.protocol.Answers;
import dev.omnivault.protocol.DaemonProof;
import dev.omnivault.protocol.ErrorCode;
import dev.omnivault.protocol.Requests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's side of the API: every driving port implemented by one HTTP/1.1 exchange with the
 * daemon over its Unix socket or loopback TCP (a small, strict client codec: it only ever talks to our daemon).
 * Error codes come back as the same domain exceptions the daemon threw, so the CLI maps them as
 * if it ran the use cases itself. No daemon → {@link DaemonUnavailableException}.
 */
public final class SocketVaultClient
        implements DaemonStatusUseCase,
                VaultStatusUseCase,
                InitVaultUseCase,
                UnlockVaultUseCase,
                LockVaultUseCase,
                GetSecretUseCase,
                PutSecretUseCase,
                DeleteSecretUseCase,
                ListSecretsUseCase,
                ChangePassphraseUseCase,
                StopDaemonUseCase,
                ImportSecretsUseCase,
                ExportSecretsUseCase,
                ForgetLegacyBackupsUseCase {

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final AtomicBoolean PARSER_WARMED = new AtomicBoolean();

    private final Endpoint endpoint;

    private SocketVaultClient(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A client of the daemon listening on the Unix socket at {@code socket}. */
    public static SocketVaultClient overUnixSocket(Path socket) {
        return new SocketVaultClient(new UnixSocketEndpoint(socket));
    }

    /**
     * A client of the daemon listening on loopback TCP at {@code address}, sending the bearer
     * token read from {@code tokenFile} (600, written by the daemon) with every request.
     */
    public static SocketVaultClient overLoopbackTcp(InetSocketAddress address, Path tokenFile) {
        return new SocketVaultClient(new TcpEndpoint(address, tokenFile));
    }

    /** Where the daemon listens: how to connect, and what each request must carry to be admitted. */
    private sealed interface Endpoint permits UnixSocketEndpoint, TcpEndpoint {
        /** A connected transport; {@link DaemonUnavailableException} when nothing answers there. */
        Connection connect() throws IOException;

        /** Header lines this transport adds to each request (each ending in CRLF); the caller zeroes them. */
        byte[] credentials() throws IOException;

        /**
         * Makes sure {@code connection} leads to this vault's daemon before anything secret is sent
         * on it; an impostor gets an {@link IllegalStateException} that names where it answers.
         */
        void authenticate(Connection connection) throws IOException;
    }

    /** The current user's name: the one the daemon, its socket and its files must belong to. */
    private static String me() {
        return System.getProperty("user.name", "");
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix");
    }

    /** {@code file} must be the user's and neither readable nor writable by anyone else. */
    private static void requirePrivate(Path file) throws IOException {
        if (!posix()) {
            return;
        }
        var attributes = Files.readAttributes(
                file, java.nio.file.attribute.PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        boolean others =
                attributes.permissions().stream().anyMatch(p -> !p.name().startsWith("OWNER"));
        if (!attributes.isRegularFile() || !attributes.owner().getName().equals(me()) || others) {
            throw new IllegalStateException(file + " is not a private file of " + me() + " (owner "
                    + attributes.owner().getName() + ", mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions())
                    + "); refusing to use it");
        }
    }

    /** One request's connection: send the whole request, then read the answer until the daemon closes. */
    private interface Connection extends AutoCloseable {
        void send(byte[] request) throws IOException;

        /** Reads into {@code buffer}, waiting at most the timeout: the count read, -1 at the end. */
        int read(byte[] buffer) throws IOException;

        /**
         * One answer on a kept-alive connection: the head, then the body its Content-Length
         * announces (the daemon's short answers come whole, never chunked).
         */
        default byte[] receiveOne() throws IOException {
            var answer = new Accumulator();
            byte[] buffer = new byte[1024];
            try {
                long total = Long.MAX_VALUE;
                // nothing follows this answer until the next request is sent, so whole reads are safe
                while (answer.length() < total) {
                    int read = read(buffer);
                    if (read < 0) {
                        break;
                    }
                    answer.append(buffer, read);
                    int headEnd = answer.headEnd();
                    if (headEnd >= 0) {
                        total = headEnd + answer.contentLength();
                    }
                    if (answer.length() > 64 * 1024) {
                        throw new IOException("the answer to a challenge is too long");
                    }
                }
                return answer.toByteArray();
            } finally {
                Arrays.fill(buffer, (byte) 0);
                answer.wipe();
            }
        }

        /** Everything the daemon sent, up to its close; buffers outgrown on the way are zeroed. */
        default byte[] receiveAll() throws IOException {
            var answer = new Accumulator();
            byte[] buffer = new byte[8192];
            try {
                for (int read = read(buffer); read >= 0; read = read(buffer)) {
                    answer.append(buffer, read);
                }
                return answer.toByteArray();
            } finally {
                Arrays.fill(buffer, (byte) 0);
                answer.wipe();
            }
        }

        @Override
        void close() throws IOException;
    }

    /**
     * The Unix socket, through the JDK's own Unix-domain channels (no native library to unpack and
     * load on each CLI call). Non-blocking with a selector, so a daemon that stops answering costs
     * at most {@link #TIMEOUT_MILLIS}, as on TCP.
     */
    private record UnixSocketEndpoint(Path socket) implements Endpoint {
        @Override
        public Connection connect() throws IOException {
            if (!Files.exists(socket)) {
                throw new DaemonUnavailableException("no daemon socket at " + socket);
            }
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.configureBlocking(false);
            } catch (IOException refused) {
                channel.close();
                throw new DaemonUnavailableException("no daemon answers on " + socket);
            }
            return new ChannelConnection(channel);
        }

        @Override
        public byte[] credentials() {
            return new byte[0]; // the daemon checks the peer's user on the socket itself
        }

        /**
         * The socket and its directory must be the user's, and the process at the other end must
         * run as the user (SO_PEERCRED): so no other user's process can pose as the daemon.
         */
        @Override
        public void authenticate(Connection connection) throws IOException {
            if (!posix()) {
                return;
            }
            for (Path owned : List.of(socket, socket.toAbsolutePath().getParent())) {
                String owner = Files.getOwner(owned, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        .getName();
                if (!owner.equals(me())) {
                    throw new IllegalStateException(owned + " belongs to " + owner + ", not to " + me()
                            + "; the process answering on " + socket + " is not this vault's daemon");
                }
            }
            String peer = ((ChannelConnection) connection).peerUser();
            if (!peer.equals(me())) {
                throw new IllegalStateException(
                        "the process answering on " + socket + " is not this vault's daemon (it runs as " + peer + ")");
            }
        }
    }

    private static final class ChannelConnection implements Connection {
        private final SocketChannel channel;
        private final Selector selector;
        private final SelectionKey key;

        ChannelConnection(SocketChannel channel) throws IOException {
            this.channel = channel;
            try {
                this.selector = Selector.open();
                this.key = channel.register(selector, 0);
            } catch (IOException failed) {
                channel.close();
                throw failed;
            }
        }

        @Override
        public void send(byte[] request) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(request);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(SelectionKey.OP_WRITE);
                }
            }
        }

        /** The user the process at the other end runs as, from the kernel (SO_PEERCRED). */
        String peerUser() throws IOException {
            return channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED)
                    .user()
                    .getName();
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            ByteBuffer into = ByteBuffer.wrap(buffer);
            int read = channel.read(into);
            while (read == 0) {
                await(SelectionKey.OP_READ);
                read = channel.read(into);
            }
            return read;
        }

        private void await(int operation) throws IOException {
            key.interestOps(operation);
            if (selector.select(TIMEOUT_MILLIS) == 0) {
                throw new SocketTimeoutException("no answer within " + TIMEOUT_MILLIS / 1000 + " s");
            }
            selector.selectedKeys().clear();
        }

        @Override
        public void close() throws IOException {
            try (channel) {
                selector.close();
            }
        }
    }

    /** Loopback TCP: a plain socket with a read timeout. */
    private static final class SocketConnection implements Connection {
        private final Socket socket;

        SocketConnection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void send(byte[] request) throws IOException {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            return socket.getInputStream().read(buffer);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A growing byte array that zeroes each array it outgrows (an answer may hold a secret). */
    private static final class Accumulator {
        private byte[] bytes = new byte[8192];
        private int length;

        void append(byte[] source, int count) {
            append(source, 0, count);
        }

        void append(byte[] source, int offset, int count) {
            if (length + count > bytes.length) {
                byte[] larger = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
                Arrays.fill(bytes, (byte) 0);
                bytes = larger;
            }
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        int length() {
            return length;
        }

        /** Where the head held so far ends (after its blank line); -1 while it is not complete. */
        int headEnd() {
            for (int at = 3; at < length; at++) {
                if (bytes[at - 3] == '\r' && bytes[at - 2] == '\n' && bytes[at - 1] == '\r' && bytes[at] == '\n') {
                    return at + 1;
                }
            }
            return -1;
        }

        /** The Content-Length of the head held so far; 0 when it names none. */
        long contentLength() {
            String head = new String(bytes, 0, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int at = head.indexOf("\r\ncontent-length:");
            if (at < 0) {
                return 0;
            }
            int end = head.indexOf("\r\n", at + 2);
            try {
                return Long.parseLong(head.substring(at + 17, end).strip());
            } catch (NumberFormatException | StringIndexOutOfBoundsException malformed) {
                return 0;
            }
        }

        void wipe() {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private record TcpEndpoint(InetSocketAddress address, Path tokenFile) implements Endpoint {
        @Override
        public Connection connect() throws IOException {
            var connection = new Socket();
            try {
                connection.connect(address, TIMEOUT_MILLIS);
                return new SocketConnection(connection);
            } catch (IOException refused) {
                connection.close();
                throw new DaemonUnavailableException("no daemon answers on " + address);
            }
        }

        /** The token from its file (which must be private), without a line end; the caller zeroes it. */
        private byte[] token() throws IOException {
            byte[] token;
            try {
                requirePrivate(tokenFile);
                token = Files.readAllBytes(tokenFile);
            } catch (java.nio.file.NoSuchFileException missing) {
                throw new DaemonUnavailableException("no daemon token at " + tokenFile);
            }
            int length = token.length;
            while (length > 0 && (token[length - 1] == '\n' || token[length - 1] == '\r')) {
                length--;
            }
            byte[] trimmed = Arrays.copyOf(token, length);
            Arrays.fill(token, (byte) 0);
            return trimmed;
        }

        /**
         * Asks whoever holds the port to prove it knows the token (an HMAC of a fresh nonce under
         * it), on the same connection and before the token is sent: a process that took the port
         * first learns nothing.
         */
        @Override
        public void authenticate(Connection connection) throws IOException {
            byte[] nonce = new byte[DaemonProof.NONCE_BYTES];
            new java.security.SecureRandom().nextBytes(nonce);
            byte[] token = token();
            try {
                connection.send(("GET /challenge?nonce="
                                + java.util.HexFormat.of().formatHex(nonce) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String proof = "";
                try {
                    proof = read(answer(connection.receiveOne()), Answers::proof);
                } catch (RuntimeException | IOException noProof) {
                    // an impostor's answer, or none: the check below fails
                }
                byte[] offered;
                try {
                    offered = java.util.HexFormat.of().parseHex(proof);
                } catch (IllegalArgumentException notHex) {
                    offered = new byte[0];
                }
                if (!DaemonProof.verifies(token, nonce, offered)) {
                    throw new IllegalStateException("the process answering on " + address.getHostString() + ":"
                            + address.getPort() + " is not this vault's daemon");
                }
            } finally {
                Arrays.fill(token, (byte) 0);
            }
        }

        @Override
        public byte[] credentials() throws IOException {
            byte[] token = token();
            int length = token.length;
            byte[] prefix = "Authorization: Bearer ".getBytes(StandardCharsets.US_ASCII);
            byte[] line = Arrays.copyOf(prefix, prefix.length + length + 2);
            System.arraycopy(token, 0, line, prefix.length, length);
            line[line.length - 2] = '\r';
            line[line.length - 1] = '\n';
            Arrays.fill(token, (byte) 0);
            return line;
        }
    }

    @Override
    public DaemonStatus daemonStatus() {
        return read(exchange("GET", "/status", null), Answers::status);
    }

    @Override
    public VaultStatus status() {
        return daemonStatus().vault();
    }

    @Override
    public void initialise(InitVaultCommand command) {
        wipe(exchange("POST", "/init", Requests.password(command.passphrase())));
    }

    @Override
    public UnlockResult unlock(UnlockVaultCommand command) {
        String message = read(exchange("POST", "/unlock", Requests.password(command.passphrase())), Answers::message);
        return "vault already unlocked".equals(message)
                ? new UnlockResult.AlreadyUnlocked()
                : new UnlockResult.Unlocked();
    }

    @Override
    public void lock() {
        wipe(exchange("POST", "/lock", null));
    }

    @Override
    public Secret get(GetSecretQuery query) {
        return read(exchange("GET", secretTarget(query.path()), null), body -> Answers.secret(body, query.path()));
    }

    /**
     * {@code /secret/} and the path, percent-encoded but for its {@code /} separators and the
     * characters a URL path carries as they are, so the daemon decodes it back once (SPEC §3).
     */
    static String secretTarget(SecretPath path) {
        byte[] utf8 = path.value().getBytes(StandardCharsets.UTF_8);
        var target = new StringBuilder(SECRET_TARGET.length() + utf8.length * 3).append(SECRET_TARGET);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "/._@+=-~".indexOf(c) >= 0) {
                target.append((char) c);
            } else {
                target.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return target.toString();
    }

    private static final String SECRET_TARGET = "/secret/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The API does not say whether a put created or replaced; this client answers {@code Replaced} only if asked first. */
    @Override
    public PutSecretResult put(PutSecretCommand command) {
        wipe(exchange(
                "PUT",
                secretTarget(command.path()),
                Requests.content(command.value(), command.fields(), command.tags())));
        return new PutSecretResult.Created();
    }

    /** One request ({@code POST /import}), so one durable write in the daemon. */
    @Override
    public ImportResult importAll(ImportSecretsCommand command) {
        return read(exchange("POST", "/import", Requests.secrets(command.secrets())), Answers::imported);
    }

    /** {@code GET /export?values=true}: the values come along; the caller decides whether to show them. */
    @Override
    public List<Secret> export(ExportSecretsQuery query) {
        String target = "/export?values=true"
                + (query.prefix().isEmpty()
                        ? ""
                        : "&prefix=" + URLEncoder.encode(query.prefix(), StandardCharsets.UTF_8));
        return read(exchange("GET", target, null), Answers::exported);
    }

    @Override
    public void delete(DeleteSecretCommand command) {
        wipe(exchange("DELETE", secretTarget(command.path()), null));
    }

    @Override
    public List<SecretSummary> list(ListSecretsQuery query) {
        String target = query.prefix().isEmpty()
                ? "/secrets"
                : "/secrets?prefix=" + URLEncoder.encode(query.prefix(), StandardCharsets.UTF_8);
        return read(exchange("GET", target, null), Answers::summaries);
    }

    @Override
    public void changePassphrase(ChangePassphraseCommand command) {
        wipe(exchange("POST", "/change-password", Requests.passwordChange(command.current(), command.replacement())));
    }

    @Override
    public void stop() {
        wipe(exchange("POST", "/stop", null));
    }

    @Override
    public List<String> forgetLegacyBackups() {
        return read(exchange("POST", "/forget-backups", null), Answers::removed);
    }

    /** What {@code reader} makes of a 200 answer's body, which is zeroed afterwards (it may hold values). */
    private static <T> T read(byte[] body, Function<byte[], T> reader) {
        try {
            return reader.apply(body);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private static void wipe(byte[] body) {
        read(body, Answers::malformation).ifPresent(malformed -> {
            throw new IllegalStateException(malformed);
        });
    }

    /**
     * Sends one request ({@code body}, a JSON object the protocol wrote, or none) and returns the
     * body of a 200 answer, which the caller zeroes; any other answer becomes its exception.
     */
    private byte[] exchange(String method, String target, byte @Nullable [] body) {
        byte[] content = body == null ? new byte[0] : body;
        byte[] credentials = new byte[0];
        byte[] request = new byte[0];
        warmUpParserOnce();
        try {
            credentials = endpoint.credentials();
            try (Connection connection = endpoint.connect()) {
                endpoint.authenticate(connection);
                byte[] start = (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] end = ((body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: "
                                + content.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                // One write: the daemon may answer and close as soon as the request is complete, so
                // nothing (not even an empty body) may be written after the last byte it expects.
                request = concat(start, credentials, end, content);
                connection.send(request);
                return answer(connection.receiveAll());
            }
        } catch (IOException broken) {
            throw new IllegalStateException("the daemon connection failed: " + broken.getMessage());
        } finally {
            // The body held a password or a value, the header the token: wipe them once sent.
            Arrays.fill(content, (byte) 0);
            Arrays.fill(credentials, (byte) 0);
            Arrays.fill(request, (byte) 0);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    private static byte[] answer(byte[] response) throws IOException {
        int headEnd = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headEnd < 0) {
            throw new IllegalStateException("the daemon sent an incomplete answer");
        }
        String head = new String(response, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] statusLine = head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n"))
                .split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException notHttp) {
            throw new IllegalStateException("the daemon's answer is not HTTP");
        }
        // A Go daemon sends larger answers (a list of 20 secrets) chunked.
        byte[] body = head.toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked")
                ? dechunk(response, headEnd + 4)
                : Arrays.copyOfRange(response, headEnd + 4, response.length);
        Arrays.fill(response, (byte) 0);
        if (status == 200) {
            return body;
        }
        try {
            Optional<Answers.Problem> problem = Answers.problem(body);
            if (problem.isEmpty()) {
                String why = Answers.malformation(body).orElse("not an error of its API");
                throw new IllegalStateException("the daemon answered HTTP " + status + " without an error of its API ("
                        + why.replace("the daemon's answer ", "the answer ") + ")");
            }
            String message = problem.get().message();
            throw failure(status, problem.get().code(), message.isEmpty() ? "error " + status : message, head);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /**
     * The body of a chunked answer that starts at {@code from} (RFC 9112 §7.1: hex size, optional
     * extensions, CRLF, the bytes, CRLF, until a size of 0; trailers are ignored).
     */
    private static byte[] dechunk(byte[] response, int from) {
        var body = new Accumulator();
        int at = from;
        try {
            while (true) {
                int lineEnd = indexOf(response, at, CRLF);
                if (lineEnd < 0) {
                    throw malformedChunks();
                }
                String sizeField = new String(response, at, lineEnd - at, StandardCharsets.US_ASCII);
                int extensions = sizeField.indexOf(';');
                String hex = (extensions < 0 ? sizeField : sizeField.substring(0, extensions)).strip();
                int size;
                try {
                    size = hex.isEmpty() || hex.length() > 7 ? -1 : Integer.parseInt(hex, 16);
                } catch (NumberFormatException notHex) {
                    size = -1;
                }
                if (size < 0) {
                    throw malformedChunks();
                }
                at = lineEnd + 2;
                if (size == 0) {
                    return body.toByteArray();
                }
                if (response.length - at < size + 2L
                        || response[at + size] != '\r'
                        || response[at + size + 1] != '\n') {
                    throw malformedChunks();
                }
                body.append(response, at, size);
                at += size + 2;
            }
        } finally {
            body.wipe();
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static IllegalStateException malformedChunks() {
        return new IllegalStateException("the daemon sent a malformed chunked answer");
    }

    private static RuntimeException failure(int status, String code, String message, String head) {
        ErrorCode known = ErrorCode.ofWire(code).orElse(ErrorCode.INTERNAL_ERROR);
        return switch (known) {
            case INVALID_REQUEST -> new InvalidInputException(message);
            case INVALID_PASSWORD -> new WrongPassphraseException();
            case VAULT_LOCKED -> new VaultLockedException();
            case VAULT_NOT_FOUND -> new VaultNotInitialisedException();
            case SECRET_NOT_FOUND -> new SecretNotFoundException();
            case ALREADY_EXISTS -> new VaultAlreadyExistsException();
            case TOO_MANY_ATTEMPTS -> new TooManyAttemptsException(Duration.ofSeconds(retryAfter(head)));
            case VAULT_CORRUPTED -> new VaultStoreException(VaultStoreException.Kind.CORRUPTED, message);
            // the daemon's own refusals and failures: its message says what happened
            case INTERNAL_ERROR, FORBIDDEN, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED, BODY_TOO_LARGE ->
                new IllegalStateException(message + " (HTTP " + status + ")");
        };
    }

    private static long retryAfter(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) {
                try {
                    return Long.parseLong(line.substring(12).strip());
                } catch (NumberFormatException notANumber) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /**
     * A CLI call's first parse sets up Jackson's parser and, under it, the JDK's BigInteger and
     * BigDecimal (~20 ms of class initialisation on these machines, before any answer is read).
     * It is done once per JVM on a second thread, while this one connects and waits for the
     * daemon; whichever thread needs a class first initialises it, the other waits.
     */
    private static void warmUpParserOnce() {
        if (PARSER_WARMED.compareAndSet(false, true)) {
            Thread.ofPlatform()
                    .daemon()
                    .name("omnivault-json-warm-up")
                    .start(() ->
                            Answers.malformation("{\"warm\":[1,2.5,true,null]}".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, 0, needle);
    }

    private static int indexOf(byte[] haystack, int from, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
