package dev.omnivault.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bin/torture --quick}, as CI runs it after the build packaged the daemon: every figure on goal. */
class TortureQuickIT {

    @Test
    void theQuickTortureRun_keepsEveryFigureOnItsGoal() throws Exception {
        var buffer = new ByteArrayOutputStream();
        int exit;
        try (var out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            exit = Torture.run(List.of("--quick"), out);
        }
        String table = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        assertTrue(table.contains("crash") && table.contains("hostile") && table.contains("bruteforce"), table);
        assertTrue(table.contains("findings (Jazzer exit 0)"), "the fuzz scenario must have run:\n" + table);
        assertEquals(0, exit, table);
    }
}
