package dev.omnivault.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
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
    /** The TCP transport's bearer token (600); it exists only while a TCP daemon runs. */
    public static final String TOKEN_FILE = "omnivaultd.token";
    /** The TCP transport's {@code host:port} (600), written beside the token. */
    public static final String ADDRESS_FILE = "omnivaultd.address";

    /** The default port of the TCP transport, as the Go original uses on Windows. */
    public static final int DEFAULT_TCP_PORT = 19839;

    /** The longest Unix-socket path Linux accepts, in bytes, including the terminating NUL. */
    public static final int SOCKET_PATH_LIMIT = 108;

    /** The environment variable that names the profile (a vault, socket and daemon of its own). */
    public static final String PROFILE_VARIABLE = "OMNIVAULT_PROFILE";
    /** Where a command's {@code --profile NAME} is kept for this process; it wins over the variable. */
    public static final String PROFILE_PROPERTY = "omnivault.profile";
    /** The profile that is today's directory, {@code ~/.omnivault}. */
    public static final String DEFAULT_PROFILE = "default";

    /**
     * This process's platform: {@code OMNIVAULT_HOME} if set, else the profile's directory.
     *
     * @throws IllegalArgumentException when the profile's name is not one ({@link #checkProfile(String)})
     */
    public static Platform current() {
        Map<String, String> environment = System.getenv();
        String profile = System.getProperty(PROFILE_PROPERTY);
        if (profile != null) {
            environment = new java.util.HashMap<>(environment);
            environment.put(PROFILE_VARIABLE, profile);
        }
        return forOs(System.getProperty("os.name", ""), environment, userHome(environment));
    }

    /**
     * {@code $HOME}, as the Go original and other Unix programs read it; the JVM's {@code
     * user.home} (the password database's entry) only where it is not set.
     */
    static String userHome(Map<String, String> environment) {
        String home = environment.getOrDefault("HOME", "");
        return home.isBlank() ? System.getProperty("user.home", ".") : home;
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
        String profile = environment.getOrDefault(PROFILE_VARIABLE, "").strip();
        if (override.isBlank() && !profile.isEmpty() && !profile.equals(DEFAULT_PROFILE)) {
            directory = directory.resolve("profiles").resolve(checkProfile(profile));
        }
        return new Platform(directory.toAbsolutePath(), windows ? Transport.TCP : Transport.UNIX_SOCKET);
    }

    /**
     * A profile's name: 1 to 32 letters, digits, {@code .}, {@code _} or {@code -}, starting with a
     * letter or digit (so it is one folder, never {@code ..}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkProfile(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,31}")) {
            throw new IllegalArgumentException("a profile's name is 1 to 32 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit, not '" + name + "'");
        }
        return name;
    }

    /**
     * Takes {@code --profile NAME} (or {@code --profile=NAME}) out of a command line, anywhere
     * before a {@code --}, and keeps it for {@link #current()}; the rest of the words, in order.
     *
     * @throws IllegalArgumentException for a missing or malformed name, or a profile given twice
     */
    public static java.util.List<String> takeProfile(java.util.List<String> args) {
        var rest = new java.util.ArrayList<String>(args.size());
        String profile = null;
        boolean ended = false;
        for (int at = 0; at < args.size(); at++) {
            String word = args.get(at);
            ended |= word.equals("--");
            String given = null;
            if (!ended && word.equals("--profile")) {
                if (at + 1 >= args.size()) {
                    throw new IllegalArgumentException("--profile needs a name");
                }
                given = args.get(++at);
            } else if (!ended && word.startsWith("--profile=")) {
                given = word.substring("--profile=".length());
            }
            if (given == null) {
                rest.add(word);
                continue;
            }
            if (profile != null) {
                throw new IllegalArgumentException("--profile is given twice");
            }
            profile = checkProfile(given);
        }
        if (profile != null) {
            System.setProperty(PROFILE_PROPERTY, profile);
        }
        return rest;
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

    public Path tokenFile() {
        return configDirectory.resolve(TOKEN_FILE);
    }

    public Path addressFile() {
        return configDirectory.resolve(ADDRESS_FILE);
    }

    /**
     * How a client reaches the daemon now: over TCP when this platform's default is TCP or a TCP
     * daemon left its token here (it removes it when it stops), else over the Unix socket.
     */
    public Transport clientTransport() {
        return transport == Transport.TCP || Files.exists(tokenFile()) ? Transport.TCP : Transport.UNIX_SOCKET;
    }

    /** The TCP daemon's address as it wrote it, or the default when it wrote none (or garbage). */
    public InetSocketAddress tcpAddress() {
        try {
            return loopbackAddress(Files.readString(addressFile()).strip());
        } catch (IOException | IllegalArgumentException none) {
            return defaultTcpAddress();
        }
    }

    /**
     * The default address of the TCP transport: loopback, {@link #DEFAULT_TCP_PORT}. A method, not
     * a constant, so that a CLI call on the Unix socket never initialises the JDK's networking.
     */
    public static InetSocketAddress defaultTcpAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_TCP_PORT);
    }

    /**
     * Parses {@code HOST:PORT} and insists on a loopback address: the daemon never listens on a
     * network interface (SPEC §4).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static InetSocketAddress loopbackAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(
                    InetAddress.getByName(
                            hostAndPort.substring(0, colon).replace("[", "").replace("]", "")),
                    Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (IOException | RuntimeException invalid) {
            throw new IllegalArgumentException("--tcp-address is HOST:PORT on loopback, for example 127.0.0.1:19839");
        }
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(
                    "--tcp-address must be a loopback address (127.0.0.1 or [::1]), not " + hostAndPort);
        }
        return address;
    }

    /** The address as {@code host:port}, the form {@link #loopbackAddress} reads back. */
    public static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
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
