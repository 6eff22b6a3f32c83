package dev.omnivault.adapter.socket;

import dev.omnivault.application.port.in.Caller;
import dev.omnivault.protocol.DaemonProof;
import dev.omnivault.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** Who may use the API (SPEC §4), decided before a request reaches a use case. */
sealed interface Admission {

    void check(Request request, Caller caller);

    /** Unix socket: the peer's uid (SO_PEERCRED) must be the daemon's own. */
    record SameUser(OptionalLong ownerUid) implements Admission {
        @Override
        public void check(Request request, Caller caller) {
            if (ownerUid.isEmpty()) {
                return;
            }
            if (caller.uid().isEmpty() || caller.uid().getAsLong() != ownerUid.getAsLong()) {
                throw new HttpProblem(
                        403, ErrorCode.FORBIDDEN, "permission denied: only the daemon's own user may connect");
            }
        }
    }

    /**
     * Loopback TCP: every request carries the bearer token from the 600 token file; a browser's
     * {@code Origin} or a {@code Host} that is not loopback (DNS rebinding) is refused.
     */
    record BearerToken(byte[] token) implements Admission {

        private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

        @Override
        public void check(Request request, Caller caller) {
            checkOrigin(request);
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            byte[] offered = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring(7).strip().getBytes(StandardCharsets.US_ASCII)
                    : new byte[0];
            // Constant-time, so the time taken says nothing about how much of the token matched.
            if (!MessageDigest.isEqual(offered, token)) {
                throw new HttpProblem(401, ErrorCode.UNAUTHORIZED, "a valid bearer token is required");
            }
        }

        /** A browser's {@code Origin}, or a {@code Host} that is not loopback, is refused. */
        void checkOrigin(Request request) {
            if (request.getHeaders().get(HttpHeader.ORIGIN) != null) {
                throw new HttpProblem(403, ErrorCode.FORBIDDEN, "requests from a browser are refused");
            }
            String host = request.getHeaders().get(HttpHeader.HOST);
            if (host == null || !LOOPBACK_HOSTS.contains(hostName(host))) {
                throw new HttpProblem(403, ErrorCode.FORBIDDEN, "only localhost may be named in the Host header");
            }
        }

        /** The answer to a client's challenge ({@link DaemonProof}). */
        byte[] prove(byte[] nonce) {
            return DaemonProof.of(token, nonce);
        }

        private static String hostName(String host) {
            String lower = host.strip().toLowerCase(Locale.ROOT);
            if (lower.startsWith("[")) {
                int end = lower.indexOf(']');
                return end < 0 ? lower : lower.substring(0, end + 1);
            }
            int colon = lower.indexOf(':');
            return colon < 0 ? lower : lower.substring(0, colon);
        }
    }
}
