package dev.omnivault.adapter.socket;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Limits for loopback TCP, where any local user can connect (the token is checked only once a
 * request's head has arrived): a connection must complete each request head within
 * {@link #HEAD_DEADLINE} of opening or of its last answer, else it is closed; and at most
 * {@link #MAX_CONNECTIONS} are open, a new one past that closing the one that has waited longest
 * without a request under way. So a flood of slow connections costs the flooder its connections,
 * never the owner's {@code status} its answer.
 */
final class TcpConnectionLimits extends AbstractLifeCycle implements Connection.Listener {

    static final int MAX_CONNECTIONS = 256;
    static final Duration HEAD_DEADLINE = Duration.ofSeconds(10);
    /** Connections the kernel holds before the acceptor takes them (capped by somaxconn). */
    static final int ACCEPT_QUEUE = 1024;

    /** A connection's state: when its next request head is due, and whether one is being served. */
    private static final class State {
        volatile long dueNanos;
        volatile boolean serving;

        State(long dueNanos) {
            this.dueNanos = dueNanos;
        }
    }

    private final Map<Connection, State> open = new ConcurrentHashMap<>();
    private final long deadlineNanos;
    private final int maxConnections;
    private ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();

    TcpConnectionLimits() {
        this(MAX_CONNECTIONS, HEAD_DEADLINE);
    }

    TcpConnectionLimits(int maxConnections, Duration headDeadline) {
        this.maxConnections = maxConnections;
        this.deadlineNanos = headDeadline.toNanos();
    }

    @Override
    protected void doStart() {
        sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("omnivault-tcp-deadline").daemon().factory());
        sweeper.scheduleWithFixedDelay(this::closeOverdue, 250, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        sweeper.shutdownNow();
    }

    @Override
    public void onOpened(Connection connection) {
        open.put(connection, new State(System.nanoTime() + deadlineNanos));
        while (open.size() > maxConnections && closeLongestWaiting()) {
            // one closed; the map shrinks as its onClosed arrives, so check again
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** A request's head has arrived on {@code connection}: no deadline while it is served. */
    void serving(Connection connection) {
        State state = open.get(connection);
        if (state != null) {
            state.serving = true;
        }
    }

    /** The answer is written: the next head is due within the deadline. */
    void served(Connection connection) {
        State state = open.get(connection);
        if (state != null) {
            state.dueNanos = System.nanoTime() + deadlineNanos;
            state.serving = false;
        }
    }

    /** How many connections are open now (for tests). */
    int openConnections() {
        return open.size();
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        open.forEach((connection, state) -> {
            if (!state.serving && now - state.dueNanos > 0) {
                close(connection);
            }
        });
    }

    private boolean closeLongestWaiting() {
        var oldest = open.entrySet().stream()
                .filter(entry -> !entry.getValue().serving)
                .min(Comparator.comparingLong(entry -> entry.getValue().dueNanos));
        oldest.ifPresent(entry -> {
            open.remove(entry.getKey());
            close(entry.getKey());
        });
        return oldest.isPresent();
    }

    private static void close(Connection connection) {
        connection.getEndPoint().close();
    }
}
