package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.protocol.ErrorCode;
import dev.omnivault.protocol.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The daemon's API (SPEC §3) as Jetty serves it: the {@link Admission} check (peer uid, or bearer
 * token on TCP) before anything else, then the request to its endpoint in {@link ApiRoutes},
 * bodies read within their bounds, and every failure mapped through {@link HttpError}.
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

    private static final Logger LOG = LoggerFactory.getLogger("omnivault");
    /** The request's attribute that holds its body's {@link HeapHeadroom.Reservation}, once it has one. */
    private static final String HEAP_ROOM = "dev.omnivault.heapRoom";

    private final ApiRoutes routes;
    private final Admission admission;
    private final @Nullable TcpConnectionLimits limits;
    /** Requests being served now, and when the last one ended (System.nanoTime): see {@link #idleSinceNanos}. */
    private final AtomicInteger serving = new AtomicInteger();

    private volatile long lastEndedNanos = System.nanoTime();

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
        this.routes = new ApiRoutes(api, version, clock);
        this.admission = admission;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        serving.incrementAndGet();
        try {
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
        } finally {
            if (request.removeAttribute(HEAP_ROOM) instanceof HeapHeadroom.Reservation room) {
                room.close(); // the body has been served: its room is free for others' again
            }
            // the time first: whoever then sees no request being served sees when the last ended
            lastEndedNanos = System.nanoTime();
            serving.decrementAndGet();
        }
    }

    /**
     * When ({@link System#nanoTime}) the last request ended, or the handler was made if none has
     * been served; empty while a request is being served.
     */
    OptionalLong idleSinceNanos() {
        return serving.get() == 0 ? OptionalLong.of(lastEndedNanos) : OptionalLong.empty();
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
                send(response, 200, Responses.proof(bearer.prove(nonce(request))), callback);
                return true;
            }
            admission.check(request, caller);
            body = routes.answer(request, path, method, caller);
            send(response, 200, body, callback);
        } catch (Throwable failure) {
            HttpError error = HttpError.of(failure);
            if (error.code() == ErrorCode.INTERNAL_ERROR && !(failure instanceof VaultStoreException)) {
                // The class name only: a library's message could quote what the request carried.
                LOG.error("internal error: {}", failure.getClass().getName());
            }
            error.retryAfterSeconds()
                    .ifPresent(seconds -> response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds)));
            send(response, error.status(), Responses.error(error.message(), error.code()), callback);
        }
        return true;
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
    static @Nullable String queryParameter(Request request, String name) {
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException malformed) {
            throw new HttpProblem(400, ErrorCode.INVALID_REQUEST, "invalid query string");
        }
        return query.getValue(name);
    }

    /** Reads and parses the body; the raw bytes hold passwords or values, so they are wiped right after. */
    static <T> T parseBody(Request request, Function<byte[], T> parser) throws IOException {
        return parseBody(request, MAX_BODY_BYTES, parser);
    }

    static <T> T parseBody(Request request, int limit, Function<byte[], T> parser) throws IOException {
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
        HeapHeadroom.Reservation room = HeapHeadroom.ofThisJvm().reserve();
        request.setAttribute(HEAP_ROOM, room); // given back when the request has been served (handle)
        try {
            room.cover(declared);
        } catch (HttpProblem noRoom) {
            // read to its end (and dropped) first: a client still sending would find the
            // connection closed under it and never see the answer
            discard(request);
            throw noRoom;
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            try {
                body = readAtMost(in, limit + 1, declared, room);
            } catch (HttpProblem noRoom) {
                drain(in); // a body of no declared length that outgrew the heap's room
                throw noRoom;
            }
        } catch (HttpProblem noRoom) {
            throw noRoom;
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
     * {@code readNBytes} leaves its chunks to the garbage unwiped. A body of no declared length has
     * its heap room covered by {@code room} as the buffer grows.
     */
    private static byte[] readAtMost(InputStream in, int max, long declared, HeapHeadroom.Reservation room)
            throws IOException {
        byte[] buffer = new byte[(int) Math.min(max, declared >= 0 ? declared + 1 : 8192)];
        if (declared < 0) {
            room.cover(buffer.length); // a declared length was covered before reading
        }
        int length = 0;
        try {
            while (length < max) {
                if (length == buffer.length) {
                    int grown = (int) Math.min(max, (long) buffer.length * 2);
                    room.cover(grown);
                    byte[] larger = Arrays.copyOf(buffer, grown);
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

    /** Reads the body to its end into one small buffer, zeroed after: none of it is kept. */
    private static void discard(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            drain(in);
        } catch (IOException | RuntimeException gone) {
            // the client stopped sending: nothing more to drop
        }
    }

    /** Reads {@code in} to its end into one small buffer, zeroed after; a client that stopped sending ends it. */
    private static void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try {
            while (in.read(chunk) >= 0) {
                // dropped
            }
        } catch (IOException | RuntimeException gone) {
            // the client stopped sending: nothing more to drop
        } finally {
            Arrays.fill(chunk, (byte) 0);
        }
    }

    private static HttpProblem tooLarge(int limit) {
        return new HttpProblem(
                413, ErrorCode.BODY_TOO_LARGE, "request body is larger than " + limit / (1024 * 1024) + " MiB");
    }

    private static void requireMethod(String method, HttpMethod expected) {
        if (!expected.is(method)) {
            throw ApiRoutes.methodNotAllowed();
        }
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
