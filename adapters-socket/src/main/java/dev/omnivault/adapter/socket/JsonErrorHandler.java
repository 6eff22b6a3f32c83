package dev.omnivault.adapter.socket;

import dev.omnivault.protocol.ErrorCode;
import dev.omnivault.protocol.Responses;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed request line, headers or URI too long, a bad message) answer
 * in the API's JSON error shape too, never with an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        if (status == 505) {
            // Jetty's parser says "version not supported" for a request line it cannot read at all
            // (a raw line feed in the target, say): that is the client's malformed request.
            status = 400;
            response.setStatus(status);
        }
        ErrorCode code = switch (status) {
            case 400, 414, 431 -> ErrorCode.INVALID_REQUEST;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
        String message = switch (status) {
            case 413 -> "request body is larger than 1 MiB";
            case 414 -> "request URI too long";
            case 431 -> "request headers too large";
            default -> status >= 500 ? "internal error" : "invalid request";
        };
        byte[] body = Responses.error(message, code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
