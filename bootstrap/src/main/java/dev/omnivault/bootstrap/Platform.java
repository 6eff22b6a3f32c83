package dev.omnivault.bootstrap;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The platform defaults of SPEC §2, decided in one place from the OS name: the config directory
 * and the transport. {@code OMNIVAULT_HOME} overrides the directory everywhere.
 */
public record Platform(Path configDirectory, Transport transport) {

    /** How the CLI reaches the daemon. */
    public enum Transport {
        UNIX_SOCKET,
        TCP
    }

    public static final String HOME_VARIABLE = "OMNIVAULT_HOME";
    public static final String SOCKET_FILE = "omnivaultd.sock";
    public static final String PID_FILE = "omnivaultd.pid";
    public static final String LOG_FILE = "omnivaultd.log";

    /** The longest Unix-socket path Linux accepts, in bytes, including the terminating NUL. */
    public static final int SOCKET_PATH_LIMIT = 108;

    public static Platform current() {
        return forOs(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home", "."));
    }

    public static Platform forOs(String osName, Map<String, String> environment, String userHome) {
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        String override = environment.getOrDefault(HOME_VARIABLE, "");
        Path directory;
        if (!override.isBlank()) {
            directory = Path.of(override);
        } else if (windows) {
            String localAppData = environment.getOrDefault("LOCALAPPDATA", "");
            directory = localAppData.isBlank()
                    ? Path.of(userHome, "AppData", "Local", "OmniVault")
                    : Path.of(localAppData, "OmniVault");
        } else {
            directory = Path.of(userHome, ".omnivault");
        }
        return new Platform(directory.toAbsolutePath(), windows ? Transport.TCP : Transport.UNIX_SOCKET);
    }

    public Path socketPath() {
        return configDirectory.resolve(SOCKET_FILE);
    }

    public Path pidFile() {
        return configDirectory.resolve(PID_FILE);
    }

    public Path logFile() {
        return configDirectory.resolve(LOG_FILE);
    }

    /** Refuses a socket path the OS cannot bind, naming the limit and the way out. */
    public void requireSocketPathFits() {
        int bytes = socketPath().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes >= SOCKET_PATH_LIMIT) {
            throw new IllegalStateException("the socket path " + socketPath() + " is " + bytes
                    + " bytes, over the " + (SOCKET_PATH_LIMIT - 1) + "-byte limit of Unix sockets;"
                    + " set " + HOME_VARIABLE + " to a shorter directory");
        }
    }
}
