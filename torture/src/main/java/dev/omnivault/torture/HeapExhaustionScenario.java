package dev.omnivault.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A careless user stores secrets as large as the API takes (4 MiB each) until the daemon's heap,
 * sized for a small daemon, is full. The daemon must then refuse the next write with a clear
 * answer (413, and stay up) or, if its heap ran out all the same, end at once as a crash would; it
 * must never answer 500 and go on (after an {@code OutOfMemoryError} that left a write on disk it
 * had answered 500 for, which the running daemon did not show and a restart did). After a restart
 * and an unlock, the vault, as full as it got, opens, every acknowledged write reads back value for
 * value, and no refused write turns up.
 *
 * <p>With several writers at once, each checked body must account for the others being served:
 * two 4 MiB writes that each found room for one must not both be taken. With values just under
 * 1 MiB, from many writers at once, no single body is large, but together they are: they too must
 * be refused clearly before the heap runs out.
 */
final class HeapExhaustionScenario implements Scenario {

    /** The API's largest value is 4 MiB; its JSON fits the 16 MiB body limit with room to spare. */
    static final int LARGEST_VALUE = 4 * 1024 * 1024 - 64;
    /** A value whose request body stays just under 1 MiB. */
    static final int VALUE_UNDER_A_MEBIBYTE = 1024 * 1024 - 1024;
    /** 256 MiB of values: past any heap the daemon is given by default (256 MiB). */
    private static final long VALUES_IN_ALL = 256L * 1024 * 1024;
    /** Refusals in a row after which the vault is taken to be full. */
    private static final int REFUSALS_IN_A_ROW = 3;
    /** Writes of no declared length tried once the daemon refuses the others: more than it has room for. */
    private static final int CHUNKED_WRITES = 16;

    private final String name;
    private final int writers;
    private final int valueChars;
    private final int maxWrites;

    /**
     * @param name the scenario's name
     * @param writers how many clients write at once, each its own keys
     * @param valueChars the size of each value
     */
    HeapExhaustionScenario(String name, int writers, int valueChars) {
        this.name = name;
        this.writers = writers;
        this.valueChars = valueChars;
        this.maxWrites = (int) (VALUES_IN_ALL / valueChars);
    }

    @Override
    public String name() {
        return name;
    }

    private String sizeName() {
        return valueChars == LARGEST_VALUE ? "4 MiB" : valueChars / 1024 + " KiB";
    }

    private String value(int index) {
        var value = new StringBuilder(valueChars).append("value ").append(index).append(':');
        char filler = (char) ('a' + index % 26);
        while (value.length() < valueChars) {
            value.append(filler);
        }
        return value.toString();
    }

    /** What all writers saw, each list shared by them. */
    private static final class Outcome {
        final List<Integer> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger attempted = new AtomicInteger();
        final AtomicInteger refusedClearly = new AtomicInteger();
        final AtomicInteger answered500 = new AtomicInteger();
        /** Set once the daemon closed a connection without an answer (it ended): every writer stops. */
        final AtomicBoolean noAnswer = new AtomicBoolean();
    }

    /**
     * One writer's keys are {@code writer}, {@code writer + writers}, ... below {@link #maxWrites}:
     * it writes them one after another until the daemon is full or gone.
     */
    private void write(Daemon daemon, int writer, Outcome outcome) {
        int inARow = 0;
        for (int i = writer; i < maxWrites && !outcome.noAnswer.get(); i += writers) {
            outcome.attempted.incrementAndGet();
            Http.Reply reply;
            try {
                reply = daemon.http().request("PUT", "/secret/heap/s" + i, "{\"value\":\"" + value(i) + "\"}");
            } catch (IOException noAnswer) {
                outcome.noAnswer.set(true);
                return;
            }
            if (reply.status() == 200) {
                outcome.acknowledged.add(i);
                inARow = 0;
            } else if (reply.answered()) {
                outcome.refused.add(i);
                if (reply.status() == 413 && reply.body().contains("no room left")) {
                    outcome.refusedClearly.incrementAndGet();
                } else if (reply.status() >= 500) {
                    outcome.answered500.incrementAndGet();
                }
                if (++inARow == REFUSALS_IN_A_ROW) {
                    return;
                }
            } else {
                outcome.noAnswer.set(true); // the connection closed without an answer: the daemon ended
                return;
            }
        }
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        Path home;
        var outcome = new Outcome();
        boolean ended;
        boolean full;
        boolean stillUp;
        int chunkedAcknowledged = 0;
        boolean chunkedRefused = false;
        try (Daemon daemon = bench.startInitialised(name())) {
            home = daemon.home();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                var running = new ArrayList<Future<?>>();
                for (int writer = 0; writer < writers; writer++) {
                    int id = writer;
                    running.add(pool.submit(() -> write(daemon, id, outcome)));
                }
                for (Future<?> each : running) {
                    each.get();
                }
            } finally {
                pool.shutdownNow();
            }
            stillUp = outcome.refusedClearly.get() > 0 && daemon.answers();
            if (stillUp) {
                // then bodies of no declared length, until one is refused: it must be a clear 413
                for (int i = maxWrites; i < maxWrites + CHUNKED_WRITES; i++) {
                    Http.Reply reply = sendChunked(daemon, i);
                    if (reply.status() == 200) {
                        outcome.acknowledged.add(i);
                        chunkedAcknowledged++;
                        continue;
                    }
                    if (reply.answered()) {
                        outcome.refused.add(i);
                    }
                    chunkedRefused = reply.status() == 413 && reply.body().contains("no room left") && daemon.answers();
                    break;
                }
            }
            ended = !stillUp && waitForEnd(daemon);
            full = stillUp || ended;
        }
        var acknowledged = List.copyOf(outcome.acknowledged);
        var refused = List.copyOf(outcome.refused);
        int attempted = outcome.attempted.get();
        int refusedClearly = outcome.refusedClearly.get();
        int answered500 = outcome.answered500.get();
        int unreadable = 0;
        int resurrected = 0;
        boolean opened;
        try (Daemon again = bench.start(home)) {
            opened = again.http()
                            .request("POST", "/unlock", "{\"password\":\"" + Workbench.PASSWORD + "\"}")
                            .status()
                    == 200;
            for (int i : acknowledged) {
                var read = again.http().get("/secret/heap/s" + i);
                if (read.status() != 200 || !read.body().contains("\"" + value(i) + "\"")) {
                    unreadable++;
                }
            }
            for (int i : refused) {
                if (again.http().get("/secret/heap/s" + i).status() != 404) {
                    resurrected++;
                }
            }
        }
        return List.of(
                Figure.info(
                        name(),
                        (writers == 1 ? "" : writers + " writers at once: ") + sizeName()
                                + " writes tried / acknowledged before the daemon was full",
                        attempted + " / " + (acknowledged.size() - chunkedAcknowledged)),
                Figure.info(
                        name(),
                        "writes refused with a clear answer (413) / the daemon ended",
                        refusedClearly + " / " + (ended ? "yes" : "no")),
                writers == 1
                        ? Figure.check(
                                name(),
                                "the full daemon refused clearly and stayed up, or ended (1 = yes)",
                                full ? 1 : 0,
                                "= 1",
                                full)
                        // each body accounts for the others being served: none runs the heap out
                        : Figure.check(
                                name(),
                                "the full daemon refused clearly and stayed up (1 = yes)",
                                stillUp ? 1 : 0,
                                "= 1",
                                stillUp),
                Figure.info(
                        name(),
                        "then " + sizeName()
                                + " writes of no declared length (chunked): acknowledged before one was refused",
                        Integer.toString(chunkedAcknowledged)),
                Figure.check(
                        name(),
                        "the full daemon refused a chunked write clearly and stayed up, or had ended (1 = yes)",
                        !stillUp || chunkedRefused ? 1 : 0,
                        "= 1",
                        !stillUp || chunkedRefused),
                Figure.zero(name(), "writes answered 500 while the daemon went on", answered500),
                Figure.zero(name(), "refused writes that a restart shows stored", resurrected),
                Figure.check(name(), "the full vault opens after a restart (1 = yes)", opened ? 1 : 0, "= 1", opened),
                Figure.zero(name(), "acknowledged writes not read back after a restart", unreadable));
    }

    /**
     * A write of key {@code index} whose length is not declared (chunked transfer coding): its
     * room can only be checked as it arrives. The daemon's answer, or none (status 0) if the
     * connection closed.
     */
    private Http.Reply sendChunked(Daemon daemon, int index) throws IOException {
        var request = new java.io.ByteArrayOutputStream();
        request.writeBytes(("PUT /secret/heap/s" + index + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] body = ("{\"value\":\"" + value(index) + "\"}").getBytes(StandardCharsets.US_ASCII);
        int chunk = 64 * 1024;
        for (int at = 0; at < body.length; at += chunk) {
            int length = Math.min(chunk, body.length - at);
            request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(body, at, length);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        List<Http.Reply> replies = daemon.http().raw(request.toByteArray());
        return replies.isEmpty() ? new Http.Reply(0, "", "") : replies.get(0);
    }

    /** Whether the daemon's process ends within a minute (an OutOfMemoryError must end it). */
    private static boolean waitForEnd(Daemon daemon) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (daemon.alive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
