package dev.omnivault.torture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's own ways into a daemon started as the product starts it ({@code omnivault daemon
 * start}), tried by another process of the same user: {@code jcmd} for the VM's version, a heap
 * dump and an agent load. Every one must be refused and no dump written. (The memory scenario
 * dumps a daemon that this suite starts itself, without the product's flags: the test-only way
 * in, which no launch of the product takes.)
 */
final class SealedJvmScenario implements Scenario {

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public List<Figure> run(Workbench bench) throws Exception {
        Path jcmd = Workbench.JCMD;
        if (!Files.isExecutable(jcmd)) {
            return List.of(Figure.skipped(name(), "no jcmd in " + jcmd.getParent()));
        }
        Path home = bench.newHome("attach");
        var started = bench.cli(home, "daemon", "start");
        if (started.exitCode() != 0) {
            throw new IllegalStateException("daemon start failed: " + started.output());
        }
        long pid =
                Long.parseLong(Files.readString(home.resolve("omnivaultd.pid")).strip());
        Path dump = home.resolveSibling("attach.hprof");
        long answered = 0;
        long refused = 0;
        try {
            for (List<String> command : List.of(
                    List.of("VM.version"),
                    List.of("GC.heap_dump", dump.toString()),
                    List.of("JVMTI.agent_load", "/nonexistent/agent.so"),
                    List.of("Thread.print"))) {
                var args = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
                args.addAll(command);
                Process process =
                        new ProcessBuilder(args).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(60, TimeUnit.SECONDS);
                if (output.contains("does not support the attach mechanism")) {
                    refused++;
                } else {
                    answered++;
                }
            }
        } finally {
            bench.cli(home, "daemon", "stop");
        }
        boolean dumped = Files.exists(dump);
        return List.of(
                Figure.info(
                        name(),
                        "jcmd commands tried on a daemon start-ed daemon",
                        "4 (version, heap dump, agent, threads)"),
                Figure.zero(name(), "jcmd commands the daemon answered", answered),
                Figure.check(name(), "refused: attach mechanism disabled", refused, "= 4", refused == 4),
                Figure.zero(name(), "heap dumps written", dumped ? 1 : 0));
    }
}
