package dev.omnivault.adapter.storage.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A store's watch on its vault: LISTENs on the vault's channel on a connection of its own (the
 * writers NOTIFY it at commit) and calls {@code onChange} on a notification of a revision its own
 * store did not write, every {@link #CHECK_EVERY_MILLIS} without one, and after each (re)connect.
 * Notifications are not durable (none is heard while the connection is down, one killed by
 * {@code pg_terminate_backend}), so the reconnect and the periodic check catch up on what was missed.
 */
final class PostgresWatch {

    /** How often it asks for changes with no notification heard. */
    static final int CHECK_EVERY_MILLIS = 5_000;
    /** How long it waits before connecting again after the connection was lost. */
    private static final long RECONNECT_AFTER_MILLIS = 1_000;

    private final PGSimpleDataSource source;
    private final String channel;
    private final LongSupplier written;
    private final Runnable onChange;

    private volatile boolean closed;
    private volatile @Nullable Connection listening;

    PostgresWatch(PGSimpleDataSource source, String channel, LongSupplier written, Runnable onChange) {
        this.source = source;
        this.channel = channel;
        this.written = written;
        this.onChange = onChange;
    }

    void start() {
        Thread.ofPlatform().daemon().name("omnivault-postgresql-watch").start(() -> {
            while (!closed) {
                try {
                    listen();
                } catch (SQLException | RuntimeException lost) {
                    // the server went away or the connection was killed: connect again after a pause
                    pause();
                }
            }
        });
    }

    /** Ends the watch: its connection is closed, which wakes it from its wait. */
    void close() {
        closed = true;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // the watch ends either way
            }
        }
    }

    private void listen() throws SQLException {
        try (Connection connection = source.getConnection()) {
            listening = connection;
            if (closed) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            onChange.run(); // whatever happened while no one listened
            while (!closed) {
                PGNotification[] heard = notifications.getNotifications(CHECK_EVERY_MILLIS);
                if (heard == null || heard.length == 0 || newerThanWritten(heard)) {
                    onChange.run();
                }
            }
        } finally {
            listening = null;
        }
    }

    /** Whether a notification names a revision its store did not write (its own are nothing new to it). */
    private boolean newerThanWritten(PGNotification[] heard) {
        long own = written.getAsLong();
        for (PGNotification notification : heard) {
            try {
                if (Long.parseLong(notification.getParameter()) > own) {
                    return true;
                }
            } catch (NumberFormatException notOurs) {
                return true;
            }
        }
        return false;
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_AFTER_MILLIS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
