package dev.omnivault.bootstrap;

import java.io.IOException;
import java.util.Optional;

/**
 * A transport serving the daemon's API, as {@code daemon run} drives it: checked, started,
 * closed. One implementation per transport adapter, bound by name in its own Dagger module.
 */
interface DaemonServer extends AutoCloseable {

    /**
     * Whether another daemon already serves here (then the error to print, and nothing was
     * touched); else clears what a dead one left.
     */
    Optional<String> refusal() throws IOException;

    /** Binds and serves; only once bound tells clients where (a TCP daemon's token and address files). */
    void start() throws Exception;

    /** Where it serves, for the log (never the token). */
    String where();

    /** Stops serving, lets active requests finish, and removes what {@link #start} wrote. */
    @Override
    void close() throws Exception;
}
