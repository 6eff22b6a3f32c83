package dev.omnivault.torture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A careless user stores secrets as large as the API takes (4 MiB each) until the daemon's heap,
 * sized for a small daemon, is full. The daemon must then refuse the next write with a clear
 * answer (413, and stay up) or, if its heap ran out all the same, end at once as a crash would; it
 * must never answer 500 and go on (after an {@code OutOfMemoryError} that left a write on disk it
 * had answered 500 for, which the running daemon did not show and a restart did). After a restart
 * and an unlock, the vault, as full as it got, opens, every acknowledged write reads back value for
 * value, and no refused write turns up.
 */
final class HeapExhaustionScenario implements Scenario {

    /** The API's largest value is 4 MiB; its JSON fits the 16 MiB body limit with room to spare. */
    private static final int VALUE_CHARS = 4 * 1024 * 1024 - 64;
    /** 256 MiB of values: past any heap the daemon is given (its ceiling is 256 MiB). */
    private static final int MAX_WRITES = 64;
    /** Refusals in a row after which the vault is taken to be full. */
    private static final int REFUSALS_IN_A_ROW = 3;

    @Override
    public String name() {
        return "heap-exhaustion";
    }

    private static String value(int index) {
        var value =
                new StringBuilder(VALUE_CHARS).append("value ").append(index).append(':');
        char filler = (char) ('a' + index % 26);
        while (value.length() < VALUE_CHARS) {
            value.append(filler);
        }
        return value.toString();
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        Path home;
        var acknowledged = new ArrayList<Integer>();
        var refused = new ArrayList<Integer>();
        int attempted = 0;
        int refusedClearly = 0;
        int answered500 = 0;
        int inARow = 0;
        boolean ended;
        boolean full;
        try (Daemon daemon = bench.startInitialised("heap-exhaustion")) {
            home = daemon.home();
            for (int i = 0; i < MAX_WRITES; i++) {
                attempted++;
                Http.Reply reply;
                try {
                    reply = daemon.http().request("PUT", "/secret/heap/s" + i, "{\"value\":\"" + value(i) + "\"}");
                } catch (IOException noAnswer) {
                    break;
                }
                if (reply.status() == 200) {
                    acknowledged.add(i);
                    inARow = 0;
                } else if (reply.answered()) {
                    refused.add(i);
                    if (reply.status() == 413 && reply.body().contains("no room left")) {
                        refusedClearly++;
                    } else if (reply.status() >= 500) {
                        answered500++;
                    }
                    if (++inARow == REFUSALS_IN_A_ROW) {
                        break;
                    }
                } else {
                    break; // the connection closed without an answer: the daemon ended
                }
            }
            boolean stillUp = refusedClearly > 0 && daemon.answers();
            ended = !stillUp && waitForEnd(daemon);
            full = stillUp || ended;
        }
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
                        "4 MiB writes tried / acknowledged before the daemon was full",
                        attempted + " / " + acknowledged.size()),
                Figure.info(
                        name(),
                        "writes refused with a clear answer (413) / the daemon ended",
                        refusedClearly + " / " + (ended ? "yes" : "no")),
                Figure.check(
                        name(),
                        "the full daemon refused clearly and stayed up, or ended (1 = yes)",
                        full ? 1 : 0,
                        "= 1",
                        full),
                Figure.zero(name(), "writes answered 500 while the daemon went on", answered500),
                Figure.zero(name(), "refused writes that a restart shows stored", resurrected),
                Figure.check(name(), "the full vault opens after a restart (1 = yes)", opened ? 1 : 0, "= 1", opened),
                Figure.zero(name(), "acknowledged writes not read back after a restart", unreadable));
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
