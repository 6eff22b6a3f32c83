package dev.omnivault.adapter.seal;

import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link VaultStore} over any {@link RecordStore}: every piece of cryptography here (the header
 * and its Argon2id, the keys, sealing and opening records, ids as keyed hashes of paths), and
 * only ciphertext below. An open session keeps the sealed records and a listing index in memory,
 * built by opening each record once at unlock; a change reaches the record store, durably, before
 * the session shows it.
 */
public final class SealedVaultStore implements VaultStore {

    private final RecordStore records;
    private final Argon2Settings settings;
    private final InstantSource clock;

    public SealedVaultStore(RecordStore records, Argon2Settings settings, InstantSource clock) {
        this.records = records;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public boolean exists() {
        return records.header().isPresent();
    }

    @Override
    public VaultSession create(Passphrase passphrase) {
        if (exists()) {
            throw new VaultAlreadyExistsException();
        }
        VaultMeta.Created created = VaultMeta.create(passphrase, settings, clock.instant());
        try {
            records.create(created.meta().encode(), List.of(), created.keys());
            return new Session(records, created.keys(), new RecordStore.Snapshot(1, List.of()));
        } catch (RuntimeException failed) {
            created.keys().close();
            throw failed;
        }
    }

    @Override
    public Optional<VaultSession> open(Passphrase passphrase) {
        VaultMeta meta = meta();
        Optional<VaultKeys> opened = meta.open(passphrase);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        VaultKeys keys = opened.get();
        try {
            return Optional.of(new Session(records, keys, records.load(keys)));
        } catch (RuntimeException failed) {
            keys.close();
            throw failed;
        }
    }

    @Override
    public boolean changePassphrase(Passphrase current, Passphrase replacement) {
        byte[] header = header();
        Optional<VaultMeta> rewrapped = decode(header).rewrap(current, replacement, settings);
        if (rewrapped.isEmpty()) {
            return false;
        }
        if (!records.replaceHeader(header, rewrapped.get().encode())) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.IO_FAILURE,
                    "the vault's header changed during the passphrase change; the old passphrase still works");
        }
        return true;
    }

    private VaultMeta meta() {
        return decode(header());
    }

    private byte[] header() {
        return records.header().orElseThrow(VaultNotInitialisedException::new);
    }

    private static VaultMeta decode(byte[] header) {
        try {
            return VaultMeta.decode(header);
        } catch (DamagedFileException damaged) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.CORRUPTED, "the vault's header is damaged (" + damaged.getMessage() + ")");
        }
    }

    /** An open vault over a record store; see the class comment. */
    private static final class Session implements VaultSession {

        private final RecordStore records;
        private final VaultKeys keys;
        /** Every sealed record by id, as the record store holds them at {@link #revision}. */
        private final ConcurrentHashMap<ByteBuffer, byte[]> sealed = new ConcurrentHashMap<>();
        /** Path (as text, so a listing may start at any prefix) to what a listing shows. */
        private final ConcurrentSkipListMap<String, SecretSummary> index = new ConcurrentSkipListMap<>();

        private long revision;
        private volatile boolean closed;

        Session(RecordStore records, VaultKeys keys, RecordStore.Snapshot snapshot) {
            this.records = records;
            this.keys = keys;
            this.revision = snapshot.revision();
            try (var opener = keys.bulk()) {
                for (SealedRecord record : snapshot.records()) {
                    try (Secret secret = opener.unseal(record.id(), record.sealed())) {
                        index.put(secret.path().value(), secret.summary());
                    } catch (DamagedFileException damaged) {
                        throw new VaultStoreException(
                                VaultStoreException.Kind.CORRUPTED,
                                "a record of the vault is damaged (" + damaged.getMessage() + ")");
                    }
                    sealed.put(ByteBuffer.wrap(record.id()), record.sealed());
                }
            }
        }

        @Override
        public Optional<Secret> read(SecretPath path) {
            requireOpen();
            try {
                return keys.find(path, id -> sealed.get(ByteBuffer.wrap(id)));
            } catch (DamagedFileException damaged) {
                throw new VaultStoreException(
                        VaultStoreException.Kind.CORRUPTED,
                        "a record of the vault is damaged (" + damaged.getMessage() + ")");
            }
        }

        @Override
        public void write(Secret secret) {
            writeAll(List.of(secret));
        }

        @Override
        public synchronized void writeAll(List<Secret> secrets) {
            requireOpen();
            var puts = new ArrayList<SealedRecord>(secrets.size());
            for (Secret secret : secrets) {
                puts.add(keys.seal(secret));
            }
            apply(new RecordStore.Batch(puts, List.of()));
            for (int i = 0; i < secrets.size(); i++) {
                sealed.put(ByteBuffer.wrap(puts.get(i).id()), puts.get(i).sealed());
                index.put(secrets.get(i).path().value(), secrets.get(i).summary());
            }
        }

        @Override
        public synchronized boolean delete(SecretPath path) {
            requireOpen();
            byte[] id = keys.recordId(path);
            if (!sealed.containsKey(ByteBuffer.wrap(id))) {
                return false;
            }
            apply(RecordStore.Batch.delete(id));
            sealed.remove(ByteBuffer.wrap(id));
            index.remove(path.value());
            return true;
        }

        @Override
        public List<SecretSummary> list(String prefix) {
            requireOpen();
            var summaries = new ArrayList<SecretSummary>();
            for (Map.Entry<String, SecretSummary> entry :
                    index.tailMap(prefix, true).entrySet()) {
                if (!entry.getKey().startsWith(prefix)) {
                    break;
                }
                summaries.add(entry.getValue());
            }
            return summaries;
        }

        @Override
        public int count() {
            requireOpen();
            return sealed.size();
        }

        @Override
        public synchronized void close() {
            closed = true;
            keys.close();
            sealed.clear();
            index.clear();
        }

        private void apply(RecordStore.Batch batch) {
            try {
                revision = records.apply(revision, batch, keys);
            } catch (StaleRevisionException stale) {
                throw new VaultStoreException(
                        VaultStoreException.Kind.IO_FAILURE,
                        "the vault was changed by another writer; unlock again to see it",
                        stale);
            }
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("vault session is closed");
            }
        }
    }
}
