package dev.omnivault.adapter.storage.postgresql;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a team vault lives: {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=S&…]}.
 * The password, when the address carries none, comes from {@code PGPASSWORD}, else the driver's
 * {@code PGPASSFILE} / {@code ~/.pgpass}. {@link #toString()} never shows it. Other query
 * parameters are the driver's ({@code sslmode}, {@code connectTimeout}, …); {@code schema} (default
 * {@code omnivault}) holds the vault's tables, so one database may hold several vaults.
 */
public final class PostgresLocation {

    public static final String SCHEME = "postgresql";
    static final String DEFAULT_SCHEMA = "omnivault";
    private static final int DEFAULT_PORT = 5432;
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final char @Nullable [] password;
    private final String schema;
    private final Map<String, String> driverParameters;

    private PostgresLocation(
            String host,
            int port,
            String database,
            String user,
            char @Nullable [] password,
            String schema,
            Map<String, String> driverParameters) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.driverParameters = Map.copyOf(driverParameters);
    }

    /** Whether {@code store} (a {@code --store} value) names a PostgreSQL vault. */
    public static boolean names(String store) {
        return store.startsWith(SCHEME + "://");
    }

    /**
     * Reads {@code address}; {@code environment} gives {@code PGPASSWORD} when the address has no
     * password.
     *
     * @throws IllegalArgumentException saying what is wrong, never repeating a password
     */
    public static PostgresLocation parse(String address, Map<String, String> environment) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL address: expected " + SCHEME + "://USER@HOST:PORT/DATABASE");
        }
        if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "not a PostgreSQL address: expected " + SCHEME + "://USER@HOST:PORT/DATABASE");
        }
        String rawUser = uri.getRawUserInfo();
        if (rawUser == null || rawUser.isEmpty() || rawUser.startsWith(":")) {
            throw new IllegalArgumentException("the PostgreSQL address needs a user: " + SCHEME + "://USER@HOST/…");
        }
        int colon = rawUser.indexOf(':');
        String user = decode(colon < 0 ? rawUser : rawUser.substring(0, colon));
        char @Nullable [] password = colon < 0
                ? fromEnvironment(environment)
                : decode(rawUser.substring(colon + 1)).toCharArray();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("the PostgreSQL address needs a database: …@HOST:PORT/DATABASE");
        }
        var parameters = new LinkedHashMap<String, String>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                parameters.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        String schema = parameters.getOrDefault("schema", DEFAULT_SCHEMA);
        parameters.remove("schema");
        parameters.remove("password");
        parameters.remove("user");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "schema must be a plain PostgreSQL name (lower-case letters, digits, _), not " + schema);
        }
        return new PostgresLocation(
                uri.getHost(),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                database,
                user,
                password,
                schema,
                parameters);
    }

    private static char @Nullable [] fromEnvironment(Map<String, String> environment) {
        String password = environment.get("PGPASSWORD");
        return password == null || password.isEmpty() ? null : password.toCharArray();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String database() {
        return database;
    }

    String user() {
        return user;
    }

    /** A copy of the password, which the caller zeroes; null when the driver is to find it. */
    char @Nullable [] password() {
        return password == null ? null : password.clone();
    }

    String schema() {
        return schema;
    }

    Map<String, String> driverParameters() {
        return driverParameters;
    }

    /** Forgets the password (once the pool has it). */
    void forgetPassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** The address without its password, for messages and logs. */
    @Override
    public String toString() {
        return SCHEME + "://" + user + "@" + host + ":" + port + "/" + database
                + (schema.equals(DEFAULT_SCHEMA) ? "" : "?schema=" + schema);
    }
}
