package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.in.ChangePassphraseCommand;
import dev.omnivault.application.port.in.DeleteSecretCommand;
import dev.omnivault.application.port.in.ExportSecretsQuery;
import dev.omnivault.application.port.in.GetSecretQuery;
import dev.omnivault.application.port.in.ImportResult;
import dev.omnivault.application.port.in.ImportSecretsCommand;
import dev.omnivault.application.port.in.InitVaultCommand;
import dev.omnivault.application.port.in.ListSecretsQuery;
import dev.omnivault.application.port.in.PutSecretCommand;
import dev.omnivault.application.port.in.UnlockResult;
import dev.omnivault.application.port.in.UnlockVaultCommand;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's API (SPEC §3): routes each request to its use case, reads bounded JSON bodies,
 * writes the Go original's JSON shapes, and maps every failure through {@link HttpError}. The
 * {@link Admission} check (peer uid, or bearer token on TCP) comes before anything else.
 */
final class ApiHandler extends Handler.Abstract {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * A secret may hold up to {@code SecretBounds.MAX_SECRET_BYTES} (8 MiB); its JSON, with
     * escapes, fits in twice that.
     */
    static final int MAX_SECRET_BODY_BYTES = 16 * 1024 * 1024;
    /** An import carries many secrets in one body: 64 MiB is some 300,000 secrets of a usual size. */
    static final int MAX_IMPORT_BYTES = 64 * 1024 * 1024;

    private static final String SECRET_PREFIX = "/secret/";
    private static final Logger LOG = LoggerFactory.getLogger("omnivault");

    private final DaemonApi api;
    private final Admission admission;
    private final String version;
    private final InstantSource clock;
    private final Instant startedAt;
    private final @Nullable TcpConnectionLimits limits;

    ApiHandler(DaemonApi api, Admission admission, String version, InstantSource clock) {
        this(api, admission, version, clock, null);
    }

    /** {@code limits}: the TCP connector's, told when a request is served; none on the Unix socket. */
    ApiHandler(
            DaemonApi api,
            Admission admission,
            String version,
            InstantSource clock,
            @Nullable TcpConnectionLimits limits) {
        this.limits = limits;
        this.api = api;
        this.admission = admission;
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (limits == null) {
            return serve(request, response, callback);
        }
        var connection = request.getConnectionMetaData().getConnection();
        limits.serving(connection);
        try {
            return serve(request, response, callback);
        } finally {
            limits.served(connection);
        }
    }

    private boolean serve(Request request, Response response, Callback callback) {
        Caller caller = callerOf(request);
        byte[] body;
        try {
            String path = request.getHttpURI().getPath();
            String method = request.getMethod();
            if (path.equals("/challenge") && admission instanceof Admission.BearerToken bearer) {
                // Before the client sends its token, the daemon shows it holds the same one.
                bearer.checkOrigin(request);
                requireMethod(method, HttpMethod.GET);
                send(response, 200, JsonResponses.proof(bearer.prove(nonce(request))), callback);
                return true;
            }
            admission.check(request, caller);
            body = route(request, path, method, caller);
            send(response, 200, body, callback);
        } catch (Throwable failure) {
            HttpError error = HttpError.of(failure);
            if (error.code() == ErrorCode.INTERNAL_ERROR && !(failure instanceof VaultStoreException)) {
                // The class name only: a library's message could quote what the request carried.
                LOG.error("internal error: {}", failure.getClass().getName());
            }
            error.retryAfterSeconds()
                    .ifPresent(seconds -> response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds)));
            send(response, error.status(), JsonResponses.error(error), callback);
        }
        return true;
    }

    private byte[] route(Request request, String path, String method, Caller caller) throws IOException {
        if (path.startsWith(SECRET_PREFIX)) {
            SecretPath secretPath = SecretPath.of(PercentDecoding.decodeOnce(path.substring(SECRET_PREFIX.length())));
            return switch (method) {
                case "GET" -> {
                    try (Secret secret = api.get().get(new GetSecretQuery(secretPath, caller))) {
                        yield JsonResponses.secret(secret);
                    }
                }
                case "PUT" -> {
                    try (var content = parseBody(request, MAX_SECRET_BODY_BYTES, JsonBodies::secret)) {
                        api.put()
                                .put(new PutSecretCommand(
                                        secretPath, content.value(), content.fields(), content.tags(), caller));
                    }
                    yield JsonResponses.success("secret saved");
                }
                case "DELETE" -> {
                    api.delete().delete(new DeleteSecretCommand(secretPath, caller));
                    yield JsonResponses.success("secret deleted");
                }
                default -> throw methodNotAllowed();
            };
        }
        return switch (path) {
            case "/status" -> {
                requireMethod(method, HttpMethod.GET);
                yield JsonResponses.status(
                        api.status().status(), Duration.between(startedAt, clock.instant()), version);
            }
            case "/init" -> {
                requireMethod(method, HttpMethod.POST);
                try (Passphrase passphrase = parseBody(request, JsonBodies::password)) {
                    api.init().initialise(new InitVaultCommand(passphrase, caller));
                }
                yield JsonResponses.success("vault initialized");
            }
            case "/unlock" -> {
                requireMethod(method, HttpMethod.POST);
                try (Passphrase passphrase = parseBody(request, JsonBodies::password)) {
                    yield switch (api.unlock().unlock(new UnlockVaultCommand(passphrase, caller))) {
                        case UnlockResult.Unlocked u -> JsonResponses.success("vault unlocked");
                        case UnlockResult.AlreadyUnlocked a -> JsonResponses.success("vault already unlocked");
                    };
                }
            }
            case "/lock" -> {
                requireMethod(method, HttpMethod.POST);
                api.lock().lock();
                yield JsonResponses.success("vault locked");
            }
            case "/secrets" -> {
                requireMethod(method, HttpMethod.GET);
                String prefix = queryParameter(request, "prefix");
                yield JsonResponses.list(api.list().list(new ListSecretsQuery(prefix == null ? "" : prefix)));
            }
            case "/change-password", "/password" -> {
                requireMethod(method, HttpMethod.POST);
                try (var change = parseBody(request, JsonBodies::passwordChange)) {
                    api.changePassphrase()
                            .changePassphrase(
                                    new ChangePassphraseCommand(change.current(), change.replacement(), caller));
                }
                yield JsonResponses.success("password changed");
            }
            case "/import" -> {
                requireMethod(method, HttpMethod.POST);
                byte[] raw = readBody(request, MAX_IMPORT_BYTES);
                try (var imported = JsonBodies.importBody(raw)) {
                    Arrays.fill(raw, (byte) 0);
                    var commands = imported.secrets().stream()
                            .map(secret -> new PutSecretCommand(
                                    secret.path(),
                                    secret.content().value(),
                                    secret.content().fields(),
                                    secret.content().tags(),
                                    caller))
                            .toList();
                    ImportResult result = api.importer().importAll(new ImportSecretsCommand(commands, caller));
                    yield JsonResponses.imported(result.created(), result.replaced());
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
            case "/export" -> {
                requireMethod(method, HttpMethod.GET);
                String prefix = queryParameter(request, "prefix");
                String values = queryParameter(request, "values");
                boolean withValues = "true".equals(values);
                if (values != null && !withValues && !"false".equals(values)) {
                    throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "values must be true or false");
                }
                List<Secret> secrets =
                        api.exporter().export(new ExportSecretsQuery(prefix == null ? "" : prefix, caller));
                try {
                    yield JsonResponses.export(secrets, withValues);
                } finally {
                    secrets.forEach(Secret::close);
                }
            }
            case "/forget-backups" -> {
                requireMethod(method, HttpMethod.POST);
                yield JsonResponses.backupsRemoved(api.forgetBackups().forgetLegacyBackups());
            }
            case "/stop" -> {
                requireMethod(method, HttpMethod.POST);
                api.stop().stop();
                yield JsonResponses.success("daemon stopping");
            }
            default -> throw new HttpProblem(404, ErrorCode.NOT_FOUND, "no such endpoint");
        };
    }

    /** The client's nonce of {@code /challenge}: 32 bytes as 64 hex digits. */
    private static byte[] nonce(Request request) {
        String hex = queryParameter(request, "nonce");
        if (hex == null || hex.length() != 64) {
            throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "nonce must be 64 hex digits");
        }
        try {
            return java.util.HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "nonce must be 64 hex digits");
        }
    }

    /** One parameter of the query string; a malformed one (bad percent-encoding, not UTF-8) is a 400. */
    private static @Nullable String queryParameter(Request request, String name) {
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException malformed) {
            throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "invalid query string");
        }
        return query.getValue(name);
    }

    /** Reads and parses the body; the raw bytes hold passwords or values, so they are wiped right after. */
    private static <T> T parseBody(Request request, Function<byte[], T> parser) throws IOException {
        return parseBody(request, MAX_BODY_BYTES, parser);
    }

    private static <T> T parseBody(Request request, int limit, Function<byte[], T> parser) throws IOException {
        byte[] body = readBody(request, limit);
        try {
            return parser.apply(body);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /** Reads at most 1 MiB: a declared length over it is refused unread, a longer stream is cut off. */
    static byte[] readBody(Request request) throws IOException {
        return readBody(request, MAX_BODY_BYTES);
    }

    /** Reads at most {@code limit} bytes, refusing a longer body as {@link #readBody(Request)} does. */
    static byte[] readBody(Request request, int limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = readAtMost(in, limit + 1, declared);
        } catch (IOException | RuntimeException broken) {
            // A body that ends early (the client half-closed or vanished) or a malformed chunk
            // is the client's mistake, not ours: 400, never 500.
            throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "request body is incomplete or malformed");
        }
        if (body.length > limit) {
            Arrays.fill(body, (byte) 0);
            throw tooLarge(limit);
        }
        return body;
    }

    /**
     * Up to {@code max} bytes of {@code in}, into arrays of this class that are zeroed whenever one
     * is outgrown or copied out: the body holds a password or values, and the JDK's own
     * {@code readNBytes} leaves its chunks to the garbage unwiped.
     */
    private static byte[] readAtMost(InputStream in, int max, long declared) throws IOException {
        byte[] buffer = new byte[(int) Math.min(max, declared >= 0 ? declared + 1 : 8192)];
        int length = 0;
        try {
            while (length < max) {
                if (length == buffer.length) {
                    byte[] larger = Arrays.copyOf(buffer, (int) Math.min(max, (long) buffer.length * 2));
                    Arrays.fill(buffer, (byte) 0);
                    buffer = larger;
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    private static HttpProblem tooLarge(int limit) {
        return new HttpProblem(
                413, ErrorCode.BODY_TOO_LARGE, "request body is larger than " + limit / (1024 * 1024) + " MiB");
    }

    private static void requireMethod(String method, HttpMethod expected) {
        if (!expected.is(method)) {
            throw methodNotAllowed();
        }
    }

    private static HttpProblem methodNotAllowed() {
        return new HttpProblem(405, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed");
    }

    private static Caller callerOf(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        return endPoint instanceof PeerEndPoint peer ? peer.peer() : Caller.unknown();
    }

    private static void send(Response response, int status, byte[] body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // An answer may hold a value: its bytes are zeroed once written.
        response.write(true, ByteBuffer.wrap(body), Callback.from(() -> Arrays.fill(body, (byte) 0), callback));
    }
}
