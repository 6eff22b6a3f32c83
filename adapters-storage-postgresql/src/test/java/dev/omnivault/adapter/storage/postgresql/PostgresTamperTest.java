package dev.omnivault.adapter.storage.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database administrator (or anyone with write access to the tables) changes rows behind the
 * daemons' backs, one way per case: each is reported as damage at the next unlock, and never read
 * as the truth. Every row the tables held at some point is at hand to the attacker (a dump of
 * last week), so each case replays real rows rather than random bytes.
 */
class PostgresTamperTest {

    private static final String PASSWORD = "correct horse battery";

    private final PostgresServer server = PostgresServer.shared();
    private final List<PostgresRecordStore> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(PostgresRecordStore::close);
    }

    private SealedVaultStore store(String schema) {
        var records = PostgresRecordStore.open(server.location(schema));
        opened.add(records);
        return new SealedVaultStore(records, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
    }

    private static Secret secret(String path, String value) {
        return Secret.create(SecretPath.of(path), SecretValue.ofText(value), Map.of(), Map.of(), Instant.EPOCH);
    }

    private static Passphrase passphrase() {
        return Passphrase.adopt(PASSWORD.toCharArray());
    }

    private static String hex(byte[] bytes) {
        return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
    }

    /** The rows of {@code schema}'s records, as {@code id, sealed, revision} hex triples, by id. */
    private List<byte[][]> rows(String schema) {
        var ids = server.column("SELECT id FROM " + schema + ".records ORDER BY id");
        var sealed = server.column("SELECT sealed FROM " + schema + ".records ORDER BY id");
        var revisions =
                server.column("SELECT convert_to(revision::text, 'UTF8') FROM " + schema + ".records ORDER BY id");
        var rows = new ArrayList<byte[][]>();
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new byte[][] {ids.get(i), sealed.get(i), revisions.get(i)});
        }
        return rows;
    }

    private static long revision(byte[][] row) {
        return Long.parseLong(new String(row[2], java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A vault with {@code a} written twice, {@code b} once and {@code gone} written then deleted;
     * {@code tamper} gets the rows as they were after the first writes, then changes the tables.
     */
    private void tamperedVault(String name, TamperWith tamper) {
        String schema = server.newSchema();
        SealedVaultStore store = store(schema);
        List<byte[][]> before;
        byte[] digestBefore;
        try (var created = passphrase();
                VaultSession session = store.create(created)) {
            session.write(secret("app/a", "a-first"));
            session.write(secret("app/gone", "deleted later"));
            before = rows(schema);
            digestBefore =
                    server.column("SELECT digest FROM " + schema + ".vault").getFirst();
            session.write(secret("app/a", "a-second"));
            session.write(secret("app/b", "b"));
            session.delete(SecretPath.of("app/gone"));
        }
        tamper.tamper(schema, before, digestBefore);
        try (var again = passphrase()) {
            var damaged = assertThrows(
                    VaultStoreException.class,
                    () -> store(schema).open(again).orElseThrow().close(),
                    name);
            assertEquals(VaultStoreException.Kind.CORRUPTED, damaged.kind(), name);
            assertTrue(damaged.getMessage().contains("tampered"), name + ": " + damaged.getMessage());
        }
    }

    @FunctionalInterface
    private interface TamperWith {
        void tamper(String schema, List<byte[][]> before, byte[] digestBefore);
    }

    @Test
    void aHonestVault_opens_andEveryTamperedOne_isReported() {
        String honest = server.newSchema();
        try (var created = passphrase();
                VaultSession session = store(honest).create(created)) {
            session.write(secret("app/a", "a-first"));
            session.write(secret("app/a", "a-second"));
            session.delete(SecretPath.of("app/a"));
            session.write(secret("app/b", "b"));
        }
        try (var again = passphrase();
                VaultSession reopened = store(honest).open(again).orElseThrow()) {
            assertEquals(1, reopened.count(), "no false alarm on the tables its writers left");
        }

        var cases = new java.util.LinkedHashMap<String, TamperWith>();
        // a's row put back to its first version, revision column and all
        cases.put("a row replayed", (schema, before, digest) -> {
            byte[][] first = before.stream()
                    .filter(row -> rows(schema).stream()
                            .anyMatch(now -> java.util.Arrays.equals(now[0], row[0])
                                    && !java.util.Arrays.equals(now[1], row[1])))
                    .findFirst()
                    .orElseThrow();
            server.execute("UPDATE " + schema + ".records SET sealed = " + hex(first[1]) + ", revision = "
                    + revision(first) + " WHERE id = " + hex(first[0]));
        });
        cases.put("a deleted row put back", (schema, before, digest) -> {
            for (byte[][] row : before) {
                server.execute("INSERT INTO " + schema + ".records (id, sealed, revision) VALUES (" + hex(row[0]) + ", "
                        + hex(row[1]) + ", " + revision(row) + ") ON CONFLICT (id) DO NOTHING");
            }
        });
        cases.put("a row removed", (schema, before, digest) -> {
            byte[][] any = rows(schema).getFirst();
            server.execute("DELETE FROM " + schema + ".records WHERE id = " + hex(any[0]));
        });
        cases.put("a row renumbered", (schema, before, digest) -> {
            byte[][] any = rows(schema).getFirst();
            server.execute("UPDATE " + schema + ".records SET revision = revision + 1 WHERE id = " + hex(any[0]));
        });
        cases.put(
                "the digest taken away",
                (schema, before, digest) -> server.execute("UPDATE " + schema + ".vault SET digest = NULL"));
        cases.put(
                "an older digest put back",
                (schema, before, digest) -> server.execute("UPDATE " + schema + ".vault SET digest = " + hex(digest)));
        cases.put(
                "the whole records table of before, with its digest, under the newer revision", (schema, before, d) -> {
                    server.execute("DELETE FROM " + schema + ".records");
                    for (byte[][] row : before) {
                        server.execute("INSERT INTO " + schema + ".records (id, sealed, revision) VALUES ("
                                + hex(row[0]) + ", " + hex(row[1]) + ", " + revision(row) + ")");
                    }
                    server.execute("UPDATE " + schema + ".vault SET digest = " + hex(d));
                });
        for (var tamper : cases.entrySet()) {
            tamperedVault(tamper.getKey(), tamper.getValue());
        }
        assertEquals(7, cases.size());
    }
}
