package dev.omnivault.adapter.client;

import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.InvalidInputException;
import dev.omnivault.domain.RevisionConflictException;
import dev.omnivault.domain.SecretNotFoundException;
import dev.omnivault.domain.TeamException;
import dev.omnivault.domain.TooManyAttemptsException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import dev.omnivault.domain.WrongPassphraseException;
import dev.omnivault.protocol.Answers;
import dev.omnivault.protocol.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The daemon's HTTP/1.1 answer as the client takes it apart: status line, head, a body whole or chunked, and an error answer turned into the exception it stands for. */
final class HttpAnswer {

    private HttpAnswer() {}

    /** The body of a 200 answer (the caller zeroes it); any other answer is thrown as its exception. */
    static byte[] body(byte[] response) throws IOException {
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
    static byte[] dechunk(byte[] response, int from) {
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

    static final byte[] CRLF = {'\r', '\n'};

    static IllegalStateException malformedChunks() {
        return new IllegalStateException("the daemon sent a malformed chunked answer");
    }

    static RuntimeException failure(int status, String code, String message, String head) {
        ErrorCode known = ErrorCode.ofWire(code).orElse(ErrorCode.INTERNAL_ERROR);
        return switch (known) {
            case INVALID_REQUEST -> new InvalidInputException(message);
            case INVALID_PASSWORD -> new WrongPassphraseException();
            case VAULT_LOCKED -> new VaultLockedException(message);
            case VAULT_NOT_FOUND -> new VaultNotInitialisedException();
            case SECRET_NOT_FOUND -> new SecretNotFoundException(message);
            case MEMBER_NOT_FOUND -> new TeamException(TeamException.Kind.NO_SUCH_MEMBER, message);
            case ALREADY_EXISTS -> new VaultAlreadyExistsException(message);
            case CONFLICT -> new RevisionConflictException(message);
            case TOO_MANY_ATTEMPTS -> new TooManyAttemptsException(Duration.ofSeconds(retryAfter(head)));
            case VAULT_CORRUPTED -> new VaultStoreException(VaultStoreException.Kind.CORRUPTED, message);
            // the daemon's own refusals and failures: its message says what happened
            case INTERNAL_ERROR, FORBIDDEN, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED, BODY_TOO_LARGE ->
                new IllegalStateException(message + " (HTTP " + status + ")");
        };
    }

    static long retryAfter(String head) {
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

    static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, 0, needle);
    }

    static int indexOf(byte[] haystack, int from, byte[] needle) {
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
