package dev.omnivault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.platform.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {

    @Test
    void defaults_areFifteenMinutes_noMaximum_thePlatformsTransport() {
        var options = DaemonRunner.Options.parse(List.of(), Map.of());
        assertEquals(Duration.ofMinutes(15), options.autoLock());
        assertEquals(Duration.ZERO, options.maxUnlock());
        assertNull(options.transport());
        assertEquals(19839, options.tcpAddress().getPort());
        assertTrue(options.tcpAddress().getAddress().isLoopbackAddress());
    }

    @Test
    void theEnvironmentSetsAutoLock_andTheFlagWins() {
        assertEquals(
                Duration.ofSeconds(90),
                DaemonRunner.Options.parse(List.of(), Map.of("OMNIVAULT_AUTO_LOCK", "90s"))
                        .autoLock());
        assertEquals(
                Duration.ofMinutes(90),
                DaemonRunner.Options.parse(List.of("--auto-lock", "1h30m"), Map.of("OMNIVAULT_AUTO_LOCK", "90s"))
                        .autoLock());
        assertEquals(
                Duration.ZERO,
                DaemonRunner.Options.parse(List.of("--auto-lock=0"), Map.of()).autoLock());
    }

    @Test
    void maxUnlockAndTransport_areRead() {
        var options = DaemonRunner.Options.parse(
                List.of("--max-unlock", "8h", "--transport", "tcp", "--tcp-address", "127.0.0.1:20000"), Map.of());
        assertEquals(Duration.ofHours(8), options.maxUnlock());
        assertEquals(Platform.Transport.TCP, options.transport());
        assertEquals(20000, options.tcpAddress().getPort());
        assertEquals(
                Platform.Transport.UNIX_SOCKET,
                DaemonRunner.Options.parse(List.of("--transport=unix"), Map.of())
                        .transport());
    }

    @Test
    void theStore_isFilesByDefault_andMemoryWhenAsked() {
        assertEquals(
                DaemonSettings.Storage.FILES,
                DaemonRunner.Options.parse(List.of(), Map.of()).storage());
        assertEquals(
                DaemonSettings.Storage.MEMORY,
                DaemonRunner.Options.parse(List.of("--store", "memory"), Map.of())
                        .storage());
        assertEquals(
                DaemonSettings.Storage.FILES,
                DaemonRunner.Options.parse(List.of("--store=files"), Map.of()).storage());
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--store", "postgres"), Map.of()))
                .getMessage()
                .contains("files, memory or postgresql://USER@HOST:PORT/DATABASE, not postgres"));
        var team = DaemonRunner.Options.parse(List.of(), Map.of("OMNIVAULT_STORE", "postgresql://me@db:5433/team"));
        assertEquals(DaemonSettings.Storage.POSTGRESQL, team.storage());
        assertEquals("postgresql://me@db:5433/team", team.store());
        assertEquals(
                DaemonSettings.Storage.MEMORY,
                DaemonRunner.Options.parse(
                                List.of("--store", "memory"), Map.of("OMNIVAULT_STORE", "postgresql://me@db/t"))
                        .storage(),
                "the flag wins over the environment");
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--store"), Map.of()))
                .getMessage()
                .contains("--store needs a store"));
    }

    /** The settings are decided in one place: the transport the options or the platform name, with its address. */
    @Test
    void theSettings_nameOneTransportAdapter_andOneStoreAdapter() {
        var platform = new Platform(java.nio.file.Path.of("/tmp/omnivault-settings"), Platform.Transport.UNIX_SOCKET);
        var tcp = DaemonRunner.settings(
                DaemonRunner.Options.parse(
                        List.of("--transport", "tcp", "--tcp-address", "127.0.0.1:20001", "--store", "memory"),
                        Map.of()),
                platform);
        assertEquals("tcp", tcp.transport().adapter());
        assertEquals(
                20001,
                ((DaemonSettings.Transport.LoopbackTcp) tcp.transport())
                        .address()
                        .getPort());
        assertEquals("memory", tcp.storage().option());
        var byPlatform = DaemonRunner.settings(DaemonRunner.Options.parse(List.of(), Map.of()), platform);
        assertEquals("unix", byPlatform.transport().adapter());
        assertEquals("files", byPlatform.storage().option());
        assertEquals(platform.socketPath(), byPlatform.paths().socket());
    }

    @Test
    void mistakes_areUsageErrorsThatSayWhatIsExpected() {
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--auto-lock"), Map.of()))
                .getMessage()
                .contains("needs a duration"));
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--auto-lock", "5 minutes"), Map.of()))
                .getMessage()
                .contains("invalid duration"));
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of(), Map.of("OMNIVAULT_AUTO_LOCK", "x")))
                .getMessage()
                .startsWith("OMNIVAULT_AUTO_LOCK"));
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--transport", "udp"), Map.of()))
                .getMessage()
                .contains("unix or tcp"));
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--tcp-address", "10.0.0.1:1"), Map.of()))
                .getMessage()
                .contains("loopback"));
        assertTrue(assertThrows(
                        DaemonRunner.UsageException.class,
                        () -> DaemonRunner.Options.parse(List.of("--frobnicate", "1"), Map.of()))
                .getMessage()
                .contains("unknown option"));
    }
}
