package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** prctl and setrlimit through the FFM API really take effect (checked in this very JVM). */
class ProcessHardeningTest {

    @Test
    void afterHardening_theProcessIsNotDumpable() {
        assumeTrue(
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "skipped: PR_SET_DUMPABLE is Linux's");
        assertEquals(java.util.Optional.empty(), ProcessHardening.apply(), "nothing to warn about");
        assertEquals(0, ProcessHardening.dumpable());
    }
}
