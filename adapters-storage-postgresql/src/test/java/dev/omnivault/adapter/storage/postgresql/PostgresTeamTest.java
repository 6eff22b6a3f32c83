package dev.omnivault.adapter.storage.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.storage.postgresql.testing.PostgresServer;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.TeamException;
import dev.omnivault.domain.VaultLockedException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members of a team vault, on a real server and through two stores (two daemons) on one schema:
 * each member unlocks with their own passphrase; a removed member's passphrase opens nothing,
 * and every record is sealed again under a key they never had; a member list changed in the
 * database by someone without the vault's key is damage for everyone; and a removal while
 * another daemon writes loses no acknowledged write.
 */
class PostgresTeamTest {

    private static final MemberName ALICE = MemberName.of("alice");
    private static final MemberName BOB = MemberName.of("bob");
    private static final String OWNER_WORDS = "the owner's passphrase";
    private static final String ALICE_WORDS = "alice's passphrase";
    private static final String BOB_WORDS = "bob's passphrase here";

    private final PostgresServer server = PostgresServer.shared();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : opened.reversed()) {
            each.close();
        }
    }

    private SealedVaultStore store(String schema) {
        var records = PostgresRecordStore.open(server.location(schema));
        opened.add(records);
        return new SealedVaultStore(records, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
    }

    private <T extends AutoCloseable> T kept(T session) {
        opened.add(session);
        return session;
    }

    private static Passphrase pass(String words) {
        return Passphrase.adopt(words.toCharArray());
    }

    private static Secret secret(String path, String value) {
        return Secret.create(SecretPath.of(path), SecretValue.ofText(value), Map.of(), Map.of(), Instant.EPOCH);
    }

    private static String read(VaultSession session, String path) {
        try (Secret secret =
                session.read(SecretPath.of(path)).orElseThrow(() -> new AssertionError(path + " is gone"))) {
            return secret.value().revealText();
        }
    }

    private static String hex(byte[] bytes) {
        return "'\\x" + HexFormat.of().formatHex(bytes) + "'::bytea";
    }

    private byte[] header(String schema) {
        return server.column("SELECT header FROM " + schema + ".vault").getFirst();
    }

    private void add(SealedVaultStore store, VaultSession session, MemberName name, String words) {
        try (var passphrase = pass(words)) {
            session.addMember(store.enrol(name, passphrase));
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void eachMember_unlocksWithTheirOwnPassphrase_andSeesTheOthersWrites() throws Exception {
        String schema = server.newSchema();
        SealedVaultStore daemonA = store(schema);
        VaultSession owner = kept(daemonA.create(pass(OWNER_WORDS)));
        owner.write(secret("team/db", "owner wrote this"));
        add(daemonA, owner, ALICE, ALICE_WORDS);
        assertEquals(List.of(ALICE, MemberName.OWNER), owner.members());
        assertEquals(
                TeamException.Kind.MEMBER_EXISTS,
                assertThrows(TeamException.class, () -> add(daemonA, owner, ALICE, "another passphrase"))
                        .kind());

        SealedVaultStore daemonB = store(schema);
        assertTrue(daemonB.open(ALICE, pass(OWNER_WORDS)).isEmpty(), "the owner's passphrase is not alice's");
        assertTrue(daemonB.open(BOB, pass(ALICE_WORDS)).isEmpty(), "no member bob");
        VaultSession alice = kept(daemonB.open(ALICE, pass(ALICE_WORDS)).orElseThrow());
        assertEquals(java.util.Optional.of(ALICE), alice.member());
        assertEquals("owner wrote this", read(alice, "team/db"));
        alice.write(secret("team/api", "alice wrote this"));
        await(
                "the owner's daemon sees alice's write",
                () -> owner.read(SecretPath.of("team/api")).isPresent());
        assertEquals("alice wrote this", read(owner, "team/api"));

        // a member's passphrase change leaves the others' as they were
        try (var current = pass(ALICE_WORDS);
                var replacement = pass("alice's second passphrase")) {
            assertTrue(daemonB.changePassphrase(ALICE, current, replacement));
        }
        assertTrue(store(schema).open(ALICE, pass(ALICE_WORDS)).isEmpty());
        kept(store(schema).open(ALICE, pass("alice's second passphrase")).orElseThrow());
        kept(store(schema).open(MemberName.OWNER, pass(OWNER_WORDS)).orElseThrow());
    }

    @Test
    void aRemovedMember_opensNothing_andEveryRecordIsSealedAgainUnderANewKey() throws Exception {
        String schema = server.newSchema();
        SealedVaultStore daemonA = store(schema);
        VaultSession owner = kept(daemonA.create(pass(OWNER_WORDS)));
        for (int i = 0; i < 20; i++) {
            owner.write(secret("app/s" + i, "value " + i));
        }
        add(daemonA, owner, ALICE, ALICE_WORDS);
        add(daemonA, owner, BOB, BOB_WORDS);
        SealedVaultStore daemonB = store(schema);
        VaultSession alice = kept(daemonB.open(ALICE, pass(ALICE_WORDS)).orElseThrow());
        Set<String> idsBefore = ids(schema);
        byte[] headerBefore = header(schema);

        owner.removeMember(ALICE);

        assertEquals(List.of(BOB, MemberName.OWNER), owner.members());
        assertEquals("value 7", read(owner, "app/s7"), "the remover goes on with the new key");
        owner.write(secret("app/after", "written after the removal"));
        Set<String> idsAfter = ids(schema);
        assertEquals(21, idsAfter.size());
        assertTrue(idsAfter.stream().noneMatch(idsBefore::contains), "no record keeps an id alice could compute");
        for (byte[] sealed : server.column("SELECT sealed FROM " + schema + ".records")) {
            assertEquals(2, ByteBuffer.wrap(sealed, 1, 4).getInt(), "every record is of the second key epoch");
        }
        assertTrue(store(schema).open(ALICE, pass(ALICE_WORDS)).isEmpty(), "alice's passphrase opens nothing");
        VaultSession bob = kept(store(schema).open(BOB, pass(BOB_WORDS)).orElseThrow());
        assertEquals("written after the removal", read(bob, "app/after"));

        // alice's daemon, still unlocked with the old key, hears of the re-keying and gives up its keys
        await("alice's daemon knows it was re-keyed", alice::revoked);
        assertThrows(VaultLockedException.class, () -> alice.write(secret("app/alice", "too late")));

        // her old entry put back by someone with the database: the old header verifies under the old
        // key only, and the records are of the new one, so nothing opens for anyone
        server.execute("UPDATE " + schema + ".vault SET header = " + hex(headerBefore));
        var damaged =
                assertThrows(VaultStoreException.class, () -> store(schema).open(ALICE, pass(ALICE_WORDS)));
        assertEquals(VaultStoreException.Kind.CORRUPTED, damaged.kind());
        assertEquals(
                VaultStoreException.Kind.CORRUPTED,
                assertThrows(VaultStoreException.class, () -> store(schema).open(MemberName.OWNER, pass(OWNER_WORDS)))
                        .kind());
    }

    @Test
    void aMemberAddedInTheDatabase_isDamageForEveryone() throws Exception {
        String schema = server.newSchema();
        SealedVaultStore daemonA = store(schema);
        VaultSession owner = kept(daemonA.create(pass(OWNER_WORDS)));
        owner.write(secret("app/x", "x"));
        // mallory makes a vault of her own with herself as a member, and copies her entry across
        String hers = server.newSchema();
        SealedVaultStore mallorysStore = store(hers);
        VaultSession mallorys = kept(mallorysStore.create(pass("mallory's vault")));
        add(mallorysStore, mallorys, MemberName.of("mallory"), "mallory's passphrase");
        byte[] planted = withEntry(header(schema), header(hers), MemberName.of("mallory"));
        server.execute("UPDATE " + schema + ".vault SET header = " + hex(planted));

        var damaged =
                assertThrows(VaultStoreException.class, () -> store(schema).open(MemberName.OWNER, pass(OWNER_WORDS)));
        assertEquals(VaultStoreException.Kind.CORRUPTED, damaged.kind());
        assertTrue(damaged.getMessage().contains("member list"), damaged.getMessage());
        // her entry was made for another vault: her passphrase opens nothing here (a forgery made
        // for this vault's id is damage for her too: TeamMetaTest)
        try {
            assertTrue(store(schema)
                    .open(MemberName.of("mallory"), pass("mallory's passphrase"))
                    .isEmpty());
        } catch (VaultStoreException alsoDamage) {
            assertEquals(VaultStoreException.Kind.CORRUPTED, alsoDamage.kind());
        }
        assertThrows(VaultStoreException.class, owner::members, "the unlocked owner's daemon says so too");
    }

    @Test
    void aRemoval_whileAnotherDaemonWrites_losesNoAcknowledgedWrite() throws Exception {
        String schema = server.newSchema();
        SealedVaultStore daemonA = store(schema);
        VaultSession owner = kept(daemonA.create(pass(OWNER_WORDS)));
        add(daemonA, owner, ALICE, ALICE_WORDS);
        add(daemonA, owner, BOB, BOB_WORDS);
        SealedVaultStore daemonB = store(schema);
        VaultSession bob = kept(daemonB.open(BOB, pass(BOB_WORDS)).orElseThrow());

        var acknowledged = new ConcurrentHashMap<String, String>();
        var stop = new AtomicBoolean();
        var refusals = new java.util.concurrent.atomic.AtomicInteger();
        var unexpected = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; !stop.get(); i++) {
                String path = "load/w" + (i % 50);
                String value = "value " + i;
                try {
                    bob.write(secret(path, value));
                    acknowledged.put(path, value);
                } catch (VaultLockedException rekeyed) {
                    refusals.incrementAndGet();
                    return; // this daemon's keys are revoked: its member unlocks again
                } catch (RuntimeException other) {
                    unexpected.add(other);
                    return;
                }
            }
        });
        await("bob has written some", () -> acknowledged.size() >= 10);
        owner.removeMember(ALICE);
        stop.set(true);
        writer.join(10_000);

        assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
        VaultSession bobAgain = kept(store(schema).open(BOB, pass(BOB_WORDS)).orElseThrow());
        for (var write : acknowledged.entrySet()) {
            assertEquals(write.getValue(), read(bobAgain, write.getKey()), write.getKey());
            assertEquals(write.getValue(), read(owner, write.getKey()), write.getKey());
        }
        assertFalse(acknowledged.isEmpty());
    }

    private Set<String> ids(String schema) {
        var ids = new HashSet<String>();
        for (byte[] id : server.column("SELECT id FROM " + schema + ".records")) {
            ids.add(HexFormat.of().formatHex(id));
        }
        return ids;
    }

    /** {@code header} with {@code name}'s entry from {@code other} added (count and checksum fixed up, its MAC kept). */
    private static byte[] withEntry(byte[] header, byte[] other, MemberName name) throws Exception {
        int countAt = 8 + 2 + 16 + 8 + 4;
        int entryBytes = 1 + name.value().length() + 1 + 12 + 1 + 32 + 32 + 60 + 80;
        int at = countAt + 2;
        while (other[at] != name.value().length()
                || !new String(other, at + 1, name.value().length(), java.nio.charset.StandardCharsets.US_ASCII)
                        .equals(name.value())) {
            at += 1 + other[at] + 1 + 12 + 1 + 32 + 32 + 60 + 80;
        }
        byte[] entry = java.util.Arrays.copyOfRange(other, at, at + entryBytes);
        ByteBuffer out = ByteBuffer.allocate(header.length + entry.length);
        out.put(header, 0, countAt + 2).put(entry).put(header, countAt + 2, header.length - countAt - 2);
        byte[] planted = out.array();
        ByteBuffer.wrap(planted, countAt, 2)
                .putShort((short) (ByteBuffer.wrap(header, countAt, 2).getShort() + 1));
        byte[] sum = MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(planted, planted.length - 32));
        System.arraycopy(sum, 0, planted, planted.length - 32, 32);
        assertEquals(header.length + entryBytes, planted.length);
        return planted;
    }
}
