package dev.omnivault.adapter.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretValue;
import dev.omnivault.domain.TeamException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A team vault's header: each member opens the vault's keys with their own passphrase, and the
 * member list cannot be changed by anyone without the data key, nor a removed member's entry put
 * back to any effect.
 */
class TeamMetaTest {

    private static final Argon2Settings FAST = Argon2Settings.INSECURE_FOR_TESTS;
    private static final MemberName ALICE = MemberName.of("alice");
    private static final MemberName BOB = MemberName.of("bob");

    private static Passphrase pass(String text) {
        return Passphrase.adopt(text.toCharArray());
    }

    private static TeamMeta.Created created() {
        return TeamMeta.create(pass("owner passphrase"), FAST, Instant.ofEpochSecond(1_700_000_000));
    }

    private static TeamMeta roundTrip(TeamMeta meta) throws DamagedFileException {
        return TeamMeta.decode(meta.encode());
    }

    /** The data key the keys hold, to compare two openings. */
    private static byte[] dataKey(VaultKeys keys) {
        try (var key = keys.dataKey()) {
            return key.bytes().clone();
        }
    }

    @Test
    void theOwnerAndAnAddedMember_openTheSameKeys_eachWithTheirOwnPassphrase() throws Exception {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            TeamMeta header = vault.meta();
            TeamMeta withAlice = roundTrip(
                    header.with(TeamMeta.enrol(header.vaultId(), ALICE, pass("alice's own words"), FAST), owner));
            assertEquals(List.of(ALICE, MemberName.OWNER), withAlice.names());

            try (VaultKeys asAlice =
                            withAlice.open(ALICE, pass("alice's own words")).orElseThrow();
                    VaultKeys asOwner = withAlice
                            .open(MemberName.OWNER, pass("owner passphrase"))
                            .orElseThrow()) {
                assertArrayEquals(dataKey(owner), dataKey(asAlice));
                assertArrayEquals(dataKey(owner), dataKey(asOwner));
                assertEquals(VaultKeys.FIRST_EPOCH, asAlice.epoch());
            }
            assertEquals(Optional.empty(), withAlice.open(ALICE, pass("owner passphrase")));
            assertEquals(Optional.empty(), withAlice.open(BOB, pass("alice's own words")));
            assertThrows(
                    TeamException.class,
                    () -> withAlice.with(TeamMeta.enrol(header.vaultId(), ALICE, pass("again alice"), FAST), owner));
        }
    }

    @Test
    void aRemovedMember_opensNothingOfTheNextEpoch_andTheirOldEntryPutBackDoesNotVerify() throws Exception {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            TeamMeta before = vault.meta()
                    .with(TeamMeta.enrol(vault.meta().vaultId(), ALICE, pass("alice's own words"), FAST), owner);
            TeamMeta.Rekeyed rekeyed = before.without(ALICE);
            try (VaultKeys next = rekeyed.keys()) {
                TeamMeta after = roundTrip(rekeyed.meta());
                assertEquals(List.of(MemberName.OWNER), after.names());
                assertEquals(VaultKeys.FIRST_EPOCH + 1, after.epoch());
                assertNotEquals(Arrays.toString(dataKey(owner)), Arrays.toString(dataKey(next)));
                assertEquals(Optional.empty(), after.open(ALICE, pass("alice's own words")));
                try (VaultKeys asOwner =
                        after.open(MemberName.OWNER, pass("owner passphrase")).orElseThrow()) {
                    assertArrayEquals(dataKey(next), dataKey(asOwner));
                }

                // a record of the new epoch does not open with the old keys, nor an old one with the new keys
                Secret secret = Secret.create(
                        SecretPath.of("app/x"), SecretValue.ofText("v"), Map.of(), Map.of(), Instant.EPOCH);
                SealedRecord newRecord = next.seal(secret, 7);
                SealedRecord oldRecord = owner.seal(secret, 6);
                assertThrows(DamagedFileException.class, () -> owner.unseal(newRecord.id(), newRecord.sealed()));
                assertThrows(DamagedFileException.class, () -> next.unseal(oldRecord.id(), oldRecord.sealed()));

                // Alice's entry of the old header spliced into the new one: the member list no longer verifies
                byte[] spliced = splice(before.encode(), after.encode(), ALICE);
                TeamMeta planted = TeamMeta.decode(spliced);
                assertEquals(List.of(ALICE, MemberName.OWNER), planted.names());
                assertThrows(DamagedFileException.class, () -> planted.verify(next));
                assertThrows(
                        DamagedFileException.class, () -> planted.open(MemberName.OWNER, pass("owner passphrase")));
                // and Alice, with her old passphrase, gets the old epoch's key, which the new header does not verify
                // under
                assertThrows(DamagedFileException.class, () -> planted.open(ALICE, pass("alice's own words")));
            }
        }
    }

    @Test
    void aMemberForgedForThisVault_withAKeyOfTheirOwn_isDamageForThemAndForEveryone() throws Exception {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            // mallory knows the vault id (it is in clear) and makes her own data key, wraps it for her
            // own entry and signs the whole list with it: all she lacks is the vault's data key
            byte[] herDataKey = Crypto.randomBytes(Crypto.KEY_BYTES);
            MemberName mallory = MemberName.of("mallory");
            try (VaultKeys hers = VaultKeys.derive(herDataKey, vault.meta().vaultId(), VaultKeys.FIRST_EPOCH)) {
                TeamMeta forged = vault.meta()
                        .with(TeamMeta.enrol(vault.meta().vaultId(), mallory, pass("mallory's words"), FAST), hers);
                TeamMeta planted = roundTrip(forged);
                assertEquals(List.of(mallory, MemberName.OWNER), planted.names());
                assertThrows(
                        DamagedFileException.class, () -> planted.open(MemberName.OWNER, pass("owner passphrase")));
                // her own entry opens her own key, which is not the vault's: every record stays shut to her
                try (VaultKeys asMallory =
                        planted.open(mallory, pass("mallory's words")).orElseThrow()) {
                    SealedRecord record = owner.seal(
                            Secret.create(
                                    SecretPath.of("app/x"), SecretValue.ofText("v"), Map.of(), Map.of(), Instant.EPOCH),
                            1);
                    assertThrows(DamagedFileException.class, () -> asMallory.unseal(record.id(), record.sealed()));
                }
            }
        }
    }

    @Test
    void theLastMember_cannotBeRemoved_norAnUnknownOne() {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            assertEquals(
                    TeamException.Kind.REFUSED,
                    assertThrows(TeamException.class, () -> vault.meta().without(MemberName.OWNER))
                            .kind());
            assertEquals(
                    TeamException.Kind.NO_SUCH_MEMBER,
                    assertThrows(TeamException.class, () -> vault.meta().without(BOB))
                            .kind());
        }
    }

    @Test
    void aPassphraseChange_keepsTheKeys_andTheOldPassphraseOpensNothing() throws Exception {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            TeamMeta changed = roundTrip(vault.meta()
                    .rewrap(MemberName.OWNER, pass("owner passphrase"), pass("a new owner passphrase"), FAST)
                    .orElseThrow());
            assertEquals(Optional.empty(), changed.open(MemberName.OWNER, pass("owner passphrase")));
            try (VaultKeys reopened = changed.open(MemberName.OWNER, pass("a new owner passphrase"))
                    .orElseThrow()) {
                assertArrayEquals(dataKey(owner), dataKey(reopened));
            }
            assertEquals(
                    Optional.empty(),
                    vault.meta().rewrap(MemberName.OWNER, pass("wrong"), pass("whatever else"), FAST));
        }
    }

    @Test
    void everyChangedByte_isDamage_neverAnOpenVault() throws Exception {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            byte[] good = vault.meta()
                    .with(TeamMeta.enrol(vault.meta().vaultId(), ALICE, pass("alice's own words"), FAST), owner)
                    .encode();
            int damaged = 0;
            for (int at = 0; at < good.length; at += 7) {
                byte[] bad = good.clone();
                bad[at] ^= 0x01;
                try {
                    TeamMeta.decode(bad);
                } catch (DamagedFileException expected) {
                    damaged++;
                }
            }
            assertEquals(
                    (good.length + 6) / 7, damaged, "the checksum catches every flipped byte before anything is read");
            // a consistent forgery (checksum recomputed) is caught by the members' MAC
            byte[] forged = good.clone();
            forged[VaultMeta.MAGIC.length + 2 + VaultMeta.VAULT_ID_BYTES + 3] ^= 0x01; // the creation time
            forged = rechecksum(forged);
            TeamMeta decoded = TeamMeta.decode(forged);
            assertThrows(DamagedFileException.class, () -> decoded.verify(owner));
        }
    }

    @Test
    void theEpoch_isReadWithoutTheKeys_andAFormat2HeaderIsOfTheFirst() {
        TeamMeta.Created vault = created();
        try (VaultKeys owner = vault.keys()) {
            TeamMeta.Rekeyed rekeyed = vault.meta()
                    .with(TeamMeta.enrol(vault.meta().vaultId(), BOB, pass("bob's own words"), FAST), owner)
                    .without(BOB);
            try (VaultKeys next = rekeyed.keys()) {
                assertEquals(2, TeamMeta.epochOf(rekeyed.meta().encode()));
                assertTrue(TeamMeta.isTeamHeader(rekeyed.meta().encode()));
            }
            VaultMeta.Created v2 = VaultMeta.create(pass("owner passphrase"), FAST, Instant.EPOCH);
            try (VaultKeys v2Keys = v2.keys()) {
                assertEquals(VaultKeys.FIRST_EPOCH, TeamMeta.epochOf(v2.meta().encode()));
                assertEquals(false, TeamMeta.isTeamHeader(v2.meta().encode()));
            }
        }
    }

    /** {@code into} with the entry of {@code name} from {@code from} added, the count and checksum fixed up. */
    private static byte[] splice(byte[] from, byte[] into, MemberName name) throws DamagedFileException {
        byte[] entry = entryOf(from, name);
        int countAt = VaultMeta.MAGIC.length + 2 + VaultMeta.VAULT_ID_BYTES + 8 + 4;
        int firstEntry = countAt + 2;
        byte[] body = Arrays.copyOfRange(into, 0, into.length - 64);
        byte[] tag = Arrays.copyOfRange(into, into.length - 64, into.length - 32);
        ByteBuffer out = ByteBuffer.allocate(body.length + entry.length + 64);
        out.put(body, 0, firstEntry)
                .put(entry)
                .put(body, firstEntry, body.length - firstEntry)
                .put(tag);
        byte[] spliced = out.array();
        ByteBuffer.wrap(spliced, countAt, 2)
                .putShort((short) (ByteBuffer.wrap(into, countAt, 2).getShort() + 1));
        return rechecksum(spliced);
    }

    private static byte[] entryOf(byte[] header, MemberName name) {
        int entryBytes = 1 + name.value().length() + 1 + 12 + 1 + 32 + 32 + 60 + 80;
        int firstEntry = VaultMeta.MAGIC.length + 2 + VaultMeta.VAULT_ID_BYTES + 8 + 4 + 2;
        // entries are sorted by name: alice is the first
        return Arrays.copyOfRange(header, firstEntry, firstEntry + entryBytes);
    }

    private static byte[] rechecksum(byte[] header) {
        byte[] sum = Crypto.sha256(header, 0, header.length - 32);
        System.arraycopy(sum, 0, header, header.length - 32, 32);
        return header;
    }
}
