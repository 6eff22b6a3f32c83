package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.SealedVaultStore;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.application.testing.VaultStoreContract;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** A record store whose writes fail while {@code broken}, and whose records load with a flipped byte once {@code damaged}. */
    private static final class FailingRecordStore implements RecordStore {
        private final RecordStore inner;
        volatile boolean broken;
        volatile boolean damaged;

        FailingRecordStore(RecordStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<byte[]> header() {
            return inner.header();
        }

        @Override
        public void create(byte[] header, List<SealedRecord> records, Authenticator authenticator) {
            refuseWhenBroken();
            inner.create(header, records, authenticator);
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
            return inner.replaceHeader(expected, replacement);
        }

        private void refuseWhenBroken() {
            if (broken) {
                throw new VaultStoreException(VaultStoreException.Kind.IO_FAILURE, "the medium failed (test)");
            }
        }
    }
}
