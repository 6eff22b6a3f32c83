package dev.omnivault.torture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon killed with SIGKILL leaves its PID file, and the PID in it may by now name any process
 * of the user: a stranger (here a {@code sleep}) or another vault's daemon. {@code daemon stop}
 * and {@code daemon start} must signal neither; they remove the stale file and say so.
 */
final class StalePidScenario implements Scenario {

    @Override
    public String name() {
        return "stale-pid";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        long tried = 0;
        long killed = 0;
        long removed = 0;
        long startsOk = 0;
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try (Daemon other = bench.startInitialised("stale-pid-other")) {
            Path home;
            try (Daemon victim = bench.startInitialised("stale-pid")) {
                home = victim.home();
                victim.kill();
            }
            for (long stranger : List.of(sleeper.pid(), other.pid())) {
                tried++;
                Files.writeString(home.resolve("omnivaultd.pid"), stranger + "\n");
                var stop = bench.cli(home, "daemon", "stop");
                if (stop.output().contains("Removed a stale PID file")
                        && Files.notExists(home.resolve("omnivaultd.pid"))) {
                    removed++;
                }
                Files.writeString(home.resolve("omnivaultd.pid"), stranger + "\n");
                var start = bench.cli(home, "daemon", "start");
                if (start.exitCode() == 0 && start.output().startsWith("Daemon started")) {
                    startsOk++;
                }
                bench.cli(home, "daemon", "stop");
                TimeUnit.MILLISECONDS.sleep(100);
                if (!ProcessHandle.of(stranger).map(ProcessHandle::isAlive).orElse(false)) {
                    killed++;
                }
            }
            boolean otherServes = other.answers();
            return List.of(
                    Figure.info(
                            name(),
                            "stale PID files naming a live process",
                            tried + " (a sleep, another vault's daemon)"),
                    Figure.zero(name(), "of those processes signalled", killed),
                    Figure.check(
                            name(),
                            "stale PID files removed by daemon stop, and said so",
                            removed,
                            "= " + tried,
                            removed == tried),
                    Figure.check(name(), "daemon start over them started", startsOk, "= " + tried, startsOk == tried),
                    Figure.check(
                            name(), "the other vault's daemon still serves", otherServes ? 1 : 0, "1", otherServes));
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
