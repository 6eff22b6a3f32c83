package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 32 concurrent clients for a few seconds: no error, no lost write (figures: bin/load-daemon). */
class DaemonLoadTest {

    @TempDir
    Path dir;

    @Test
    void concurrentClients_getNoErrors_andLoseNoWrite() throws Exception {
        try (var daemon = DaemonProcess.start(dir.resolve("home"))) {
            assertEquals(
                    200,
                    daemon.client()
                            .request("POST", "/init", "{\"password\":\"correct horse battery\"}")
                            .status());
            LoadRun.Result result = LoadRun.run(daemon.socket(), 32, Duration.ofSeconds(3));
            System.out.println("load: " + result);
            assertEquals(
                    0,
                    result.errors(),
                    result + "\ndaemon log:\n"
                            + daemon.output()
                                    .lines()
                                    .filter(line -> !line.startsWith("INFO"))
                                    .toList());
            assertEquals(0, result.lostUpdates(), result.toString());
            assertTrue(result.requests() > 32, result.toString());
        }
    }
}
