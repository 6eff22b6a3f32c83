package dev.omnivault.adapter.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While {@code run --mask}'s child runs: SIGTERM and SIGHUP sent to the CLI are passed on to it,
 * and SIGINT is ignored here (the terminal sends Ctrl-C to the child too; the CLI ends when the
 * child does, with its status, after copying the last of its output or wiping its file).
 *
 * <p>SIGINT stays ignored after {@link #restore()}, until the CLI ends: the JVM runs a signal's
 * handler on a thread of its own, later, and it looks the handler up only then, so a Ctrl-C that
 * ended the child could otherwise find the default handler back and end the CLI with 130 in the
 * middle of its cleanup.
 */
final class ChildSignals {

    private record Previous(Signal signal, SignalHandler handler) {}

    private final List<Previous> previous;

    private ChildSignals(List<Previous> previous) {
        this.previous = previous;
    }

    static ChildSignals forwardTo(int child) {
        MethodHandle kill = Linker.nativeLinker()
                .downcallHandle(
                        Linker.nativeLinker().defaultLookup().find("kill").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        var previous = new ArrayList<Previous>();
        for (String name : List.of("TERM", "HUP", "INT")) {
            Signal signal = new Signal(name);
            SignalHandler handler = name.equals("INT")
                    ? ignored -> {}
                    : received -> {
                        try {
                            int result = (int) kill.invokeExact(child, received.getNumber());
                        } catch (Throwable gone) {
                            // the child has ended meanwhile
                        }
                    };
            try {
                previous.add(new Previous(signal, Signal.handle(signal, handler)));
            } catch (IllegalArgumentException notHere) {
                // a signal this JVM does not let us handle: it keeps its default
            }
        }
        return new ChildSignals(previous);
    }

    /** Puts back the handlers of SIGTERM and SIGHUP; SIGINT stays ignored (see above). */
    void restore() {
        previous.stream()
                .filter(entry -> !entry.signal().getName().equals("INT"))
                .forEach(entry -> Signal.handle(entry.signal(), entry.handler()));
    }
}
