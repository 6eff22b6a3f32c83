package dev.omnivault.adapter.socket;

import dev.omnivault.protocol.ErrorCode;

/** A refusal that belongs to HTTP itself (unknown route, wrong method, body too large, wrong peer). */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode code;

    HttpProblem(int status, ErrorCode code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    ErrorCode code() {
        return code;
    }

    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
