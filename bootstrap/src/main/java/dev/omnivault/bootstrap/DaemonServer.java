package dev.omnivault.bootstrap;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * When ({@link System#nanoTime}) its last request ended, or it was made if none has been
     * served; empty while one is being served (see {@link IdleCollector}).
     */
    OptionalLong idleSinceNanos();

    /** Where it serves, for the log (never the token). */
    String where();

    /** Stops serving, lets active requests finish, and removes what {@link #start} wrote. */
    @Override
    void close() throws Exception;
}
