package dev.omnivault.adapter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.adapter.seal.VaultMeta;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.application.testing.VaultStoreContract;
import dev.omnivault.domain.Passphrase;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seal over records kept in memory keeps every promise of the store contract; its failure
 * cases run through a record store that fails as a medium would, so what is checked is how the
 * seal meets a failing store.
 */
class SealedVaultStoreInMemoryTest extends VaultStoreContract {

    private final FailingRecordStore records = new FailingRecordStore(new InMemoryRecordStore());

    @Override
    protected VaultStore newStore() {
        return new SealedVaultStore(records, Argon2Settings.INSECURE_FOR_TESTS, InstantSource.system());
    }

    @Override
    protected Optional<Faults> faults() {
        return Optional.of(new Faults() {
            @Override
            public void breakWrites() {
                records.broken = true;
            }

            @Override
            public void healWrites() {
                records.broken = false;
            }

            @Override
            public void damage() {
                records.damaged = true;
            }
        });
    }

    /** A header changed under the seal (a flipped byte) is damage, not a wrong passphrase. */
    @Test
    void aDamagedHeader_isCorrupted_notAWrongPassphrase() {
        createVault().close();
        byte[] header = records.header().orElseThrow();
        byte[] damaged = header.clone();
        damaged[damaged.length / 2] ^= 0x01;
        assertTrue(records.replaceHeader(header, damaged));
        var failure = assertThrows(VaultStoreException.class, () -> open(PASSWORD));
        assertEquals(VaultStoreException.Kind.CORRUPTED, failure.kind());
        assertTrue(failure.getMessage().startsWith("the vault's header is damaged"), failure.getMessage());
    }

    /** A header that changed between reading it and replacing it: the change is refused, the old passphrase works. */
    @Test
    void aPassphraseChange_overAHeaderChangedMeanwhile_isRefused_andTheOldPassphraseStillWorks() {
        createVault().close();
        records.headerMovesOnReplace = true;
        try (var current = passphrase(PASSWORD);
                var replacement = passphrase("a brand new passphrase")) {
            var failure = assertThrows(VaultStoreException.class, () -> store().changePassphrase(current, replacement));
            assertTrue(failure.getMessage().contains("the old passphrase still works"), failure.getMessage());
        }
        records.headerMovesOnReplace = false;
        assertTrue(open(PASSWORD).isPresent());
        assertEquals(Optional.empty(), open("a brand new passphrase"));
    }

    /** A record store whose writes fail while {@code broken}, and whose records load with a flipped byte once {@code damaged}. */
    private static final class FailingRecordStore implements RecordStore {
        private final RecordStore inner;
        volatile boolean broken;
        volatile boolean damaged;
        /** Another writer replaces the header just before this one does (its check-and-set then fails). */
        volatile boolean headerMovesOnReplace;

        FailingRecordStore(RecordStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<byte[]> header() {
            return inner.header();
        }

        @Override
        public long create(byte[] header, List<SealedRecord> records, Authenticator authenticator) {
            refuseWhenBroken();
            return inner.create(header, records, authenticator);
        }

        @Override
        public String location() {
            return inner.location();
        }

        @Override
        public Snapshot load(Authenticator authenticator) {
            Snapshot snapshot = inner.load(authenticator);
            if (!damaged) {
                return snapshot;
            }
            var flipped = new ArrayList<SealedRecord>();
            for (SealedRecord record : snapshot.records()) {
                byte[] sealed = record.sealed();
                sealed[sealed.length / 2] ^= 0x01;
                flipped.add(new SealedRecord(record.id(), sealed));
            }
            return new Snapshot(snapshot.revision(), flipped);
        }

        @Override
        public long apply(long expectedRevision, Batch batch, Authenticator authenticator) {
            refuseWhenBroken();
            return inner.apply(expectedRevision, batch, authenticator);
        }

        @Override
        public boolean replaceHeader(byte[] expected, byte[] replacement) {
            refuseWhenBroken();
            if (headerMovesOnReplace) {
                // the other writer re-protects the vault with the same passphrase: a new salt, a new header
                try (var same = Passphrase.adopt(PASSWORD.toCharArray());
                        var again = Passphrase.adopt(PASSWORD.toCharArray())) {
                    byte[] moved = VaultMeta.decode(expected)
                            .rewrap(same, again, Argon2Settings.INSECURE_FOR_TESTS)
                            .orElseThrow()
                            .encode();
                    inner.replaceHeader(expected, moved);
                } catch (DamagedFileException impossible) {
                    throw new AssertionError(impossible);
                }
            }
            return inner.replaceHeader(expected, replacement);
        }

        private void refuseWhenBroken() {
            if (broken) {
                throw new VaultStoreException(VaultStoreException.Kind.IO_FAILURE, "the medium failed (test)");
            }
        }
    }
}
