package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** prctl and setrlimit through the FFM API really take effect (checked in this very JVM). */
class ProcessHardeningTest {

    @Test
    void afterHardening_theProcessIsNotDumpable() {
        assumeTrue(
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "skipped: PR_SET_DUMPABLE is Linux's");
        Logger log = mock(Logger.class);
        ProcessHardening.apply(log);
        assertEquals(0, ProcessHardening.dumpable());
        verifyNoInteractions(log);
    }
}
