package dev.omnivault.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §2's platform defaults, checked for each OS name without needing that OS. */
class PlatformTest {

    @ParameterizedTest
    @ValueSource(strings = {"Linux", "Mac OS X", "FreeBSD", "SunOS"})
    void unixLikeSystems_useTheHomeDirectory_andTheUnixSocket(String osName) {
        Platform platform = Platform.forOs(osName, Map.of(), "/home/you");
        assertEquals(Path.of("/home/you/.omnivault"), platform.configDirectory());
        assertEquals(Platform.Transport.UNIX_SOCKET, platform.transport());
        assertEquals(Path.of("/home/you/.omnivault/omnivaultd.sock"), platform.socketPath());
        assertEquals(Path.of("/home/you/.omnivault/omnivaultd.pid"), platform.pidFile());
        assertEquals(Path.of("/home/you/.omnivault/omnivaultd.log"), platform.logFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Windows 11", "Windows Server 2022", "windows 10"})
    void windows_usesLocalAppData_andTcp(String osName) {
        Platform platform = Platform.forOs(osName, Map.of("LOCALAPPDATA", "/users/you/AppData/Local"), "/users/you");
        assertEquals(Path.of("/users/you/AppData/Local/OmniVault"), platform.configDirectory());
        assertEquals(Platform.Transport.TCP, platform.transport());
    }

    @Test
    void windowsWithoutLocalAppData_fallsBackUnderTheHomeDirectory() {
        Platform platform = Platform.forOs("Windows 11", Map.of(), "/users/you");
        assertEquals(Path.of("/users/you/AppData/Local/OmniVault"), platform.configDirectory());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Linux", "Windows 11"})
    void omnivaultHome_overridesTheDirectoryEverywhere(String osName) {
        Platform platform =
                Platform.forOs(osName, Map.of("OMNIVAULT_HOME", "/srv/vault", "LOCALAPPDATA", "/x"), "/home/you");
        assertEquals(Path.of("/srv/vault"), platform.configDirectory());
    }

    @Test
    void aSocketPathOverTheLimit_isRefusedNamingTheLimitAndTheWayOut() {
        String deep = "/tmp/" + "d".repeat(100);
        Platform platform = Platform.forOs("Linux", Map.of("OMNIVAULT_HOME", deep), "/home/you");
        var refused = assertThrows(IllegalStateException.class, platform::requireSocketPathFits);
        assertTrue(refused.getMessage().contains("107-byte limit"), refused.getMessage());
        assertTrue(refused.getMessage().contains("OMNIVAULT_HOME"), refused.getMessage());
        Platform.forOs("Linux", Map.of("OMNIVAULT_HOME", "/tmp/short"), "/home/you")
                .requireSocketPathFits();
    }

    @Test
    void aTcpDaemonsTokenFile_sendsClientsOverTcp_toTheAddressItWrote(@TempDir Path home) throws Exception {
        Platform platform = Platform.forOs("Linux", Map.of("OMNIVAULT_HOME", home.toString()), "/home/you");
        assertEquals(Platform.Transport.UNIX_SOCKET, platform.clientTransport());
        assertEquals(Platform.defaultTcpAddress(), platform.tcpAddress());

        Files.writeString(platform.tokenFile(), "token");
        assertEquals(Platform.Transport.TCP, platform.clientTransport());
        Files.writeString(platform.addressFile(), "127.0.0.1:20001\n");
        assertEquals(20001, platform.tcpAddress().getPort());
        assertEquals("127.0.0.1:20001", Platform.hostAndPort(platform.tcpAddress()));

        Files.writeString(platform.addressFile(), "garbage");
        assertEquals(Platform.defaultTcpAddress(), platform.tcpAddress());
    }

    @Test
    void tcpAddresses_areLoopbackOnly() {
        assertEquals(19839, Platform.loopbackAddress("127.0.0.1:19839").getPort());
        assertEquals("[0:0:0:0:0:0:0:1]:7", Platform.hostAndPort(Platform.loopbackAddress("[::1]:7")));
        var remote = assertThrows(IllegalArgumentException.class, () -> Platform.loopbackAddress("192.0.2.1:19839"));
        assertTrue(remote.getMessage().contains("loopback"), remote.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Platform.loopbackAddress("no port"));
    }

    @Test
    void aProfile_isAFolderOfItsOwn_theDefaultIsTodaysDirectory_andOmnivaultHomeStillWins() {
        assertEquals(
                Path.of("/home/u/.omnivault/profiles/work"),
                Platform.forOs("Linux", Map.of("OMNIVAULT_PROFILE", "work"), "/home/u")
                        .configDirectory());
        assertEquals(
                Path.of("/home/u/.omnivault"),
                Platform.forOs("Linux", Map.of("OMNIVAULT_PROFILE", "default"), "/home/u")
                        .configDirectory());
        assertEquals(
                Path.of("/elsewhere"),
                Platform.forOs("Linux", Map.of("OMNIVAULT_PROFILE", "work", "OMNIVAULT_HOME", "/elsewhere"), "/home/u")
                        .configDirectory());
        for (String bad : java.util.List.of("..", ".hidden", "a/b", "", "x".repeat(33), "sp ace")) {
            assertThrows(IllegalArgumentException.class, () -> Platform.checkProfile(bad), bad);
        }
        Platform.checkProfile("x".repeat(32));
    }

    @Test
    void takeProfile_removesTheOption_anywhereBeforeDoubleDash() {
        try {
            assertEquals(
                    java.util.List.of("get", "k", "--", "--profile", "x"),
                    Platform.takeProfile(java.util.List.of("get", "--profile", "work", "k", "--", "--profile", "x")));
            assertEquals("work", System.getProperty(Platform.PROFILE_PROPERTY));
            assertEquals(
                    java.util.List.of("status"), Platform.takeProfile(java.util.List.of("--profile=ops", "status")));
            assertEquals("ops", System.getProperty(Platform.PROFILE_PROPERTY));
            assertThrows(
                    IllegalArgumentException.class, () -> Platform.takeProfile(java.util.List.of("get", "--profile")));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Platform.takeProfile(java.util.List.of("--profile", "a", "--profile", "b")));
            assertThrows(
                    IllegalArgumentException.class, () -> Platform.takeProfile(java.util.List.of("--profile", "../x")));
        } finally {
            System.clearProperty(Platform.PROFILE_PROPERTY);
        }
    }

    @Test
    void theUsersHome_isHomeAsUnixProgramsReadIt_elseTheJvmsOwn() {
        assertEquals("/somewhere", Platform.userHome(Map.of("HOME", "/somewhere")));
        assertEquals(System.getProperty("user.home"), Platform.userHome(Map.of("HOME", " ")));
        assertEquals(System.getProperty("user.home"), Platform.userHome(Map.of()));
    }
}
