package dev.omnivault.adapter.storage;

import dev.omnivault.adapter.seal.Argon2Settings;
import dev.omnivault.adapter.seal.DamagedFileException;
import dev.omnivault.adapter.seal.GoV1Vault;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.VaultKeys;
import dev.omnivault.adapter.seal.VaultMeta;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStore;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.Passphrase;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The vault as two encrypted files in the config directory, {@code vault.meta} and
 * {@code vault.enc}, in format version 2 (docs/storage-format.md). A random data key encrypts the
 * records; the password only wraps that key. Every write is atomic and durable; damaged files are
 * reported and never overwritten. A Go OmniVault (format 1) vault is migrated on its first unlock,
 * its files kept as {@code *.v1.bak}.
 */
public final class EncryptedFileVaultStore implements VaultStore {

    public static final String META_FILE = "vault.meta";
    public static final String ENC_FILE = "vault.enc";
    public static final String META_V1_BACKUP = "vault.meta.v1.bak";
    public static final String ENC_V1_BACKUP = "vault.enc.v1.bak";

    private static final String CORRUPTED = "vault file is corrupted or was tampered with: ";
    private static final byte[] EMPTY_V1_VAULT = "{\"secrets\":{}}".getBytes(StandardCharsets.US_ASCII);

    private final Path directory;
    private final Path metaPath;
    private final Path encPath;
    private final Path journalPath;
    private final Argon2Settings settings;
    private final InstantSource clock;
    private final AtomicFileWriter writer;
    private final Consumer<String> warnings;
    /** Serialises every change to the files, from sessions and passphrase changes alike. */
    private final Object fileLock = new Object();

    public EncryptedFileVaultStore(Path directory, Argon2Settings settings, InstantSource clock) {
        this(directory, settings, clock, warning -> {});
    }

    /** A store that reports durability warnings (a directory that could not be synced) to {@code warnings}. */
    public EncryptedFileVaultStore(
            Path directory, Argon2Settings settings, InstantSource clock, Consumer<String> warnings) {
        this(directory, settings, clock, new AtomicFileWriter(warnings), warnings);
    }

    EncryptedFileVaultStore(Path directory, Argon2Settings settings, InstantSource clock, AtomicFileWriter writer) {
        this(directory, settings, clock, writer, warning -> {});
    }

    private EncryptedFileVaultStore(
            Path directory,
            Argon2Settings settings,
            InstantSource clock,
            AtomicFileWriter writer,
            Consumer<String> warnings) {
        this.warnings = warnings;
        this.directory = directory;
        this.metaPath = directory.resolve(META_FILE);
        this.encPath = directory.resolve(ENC_FILE);
        this.journalPath = directory.resolve(Journal.FILE);
        this.settings = settings;
        this.clock = clock;
        this.writer = writer;
    }

    @Override
    public boolean exists() {
        return Files.exists(metaPath);
    }

    @Override
    public VaultSession create(Passphrase passphrase) {
        return create(passphrase, List.of());
    }

    /** Creates a vault that already holds {@code secrets}, written in one atomic step (bulk import). */
    VaultSession create(Passphrase passphrase, List<Secret> secrets) {
        synchronized (fileLock) {
            if (exists()) {
                throw new VaultAlreadyExistsException();
            }
            try {
                FileModes.prepareDirectory(directory);
                refuseToOverwriteAnOrphanVault();
                return writeNewVault(passphrase, secrets);
            } catch (IOException failed) {
                throw ioFailure("could not create the vault in " + directory, failed);
            }
        }
    }

    @Override
    public Optional<VaultSession> open(Passphrase passphrase) {
        byte[] metaBytes = readMeta();
        if (GoV1Vault.looksLikeV1(metaBytes)) {
            return migrateFromV1(metaBytes, passphrase);
        }
        VaultMeta meta = decodeMeta(metaBytes);
        Optional<VaultKeys> opened = meta.open(passphrase);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        byte[] vaultId = meta.vaultId();
        VaultKeys keys = opened.get();
        try {
            synchronized (fileLock) {
                tightenExistingModes();
                return Optional.of(FileSession.load(this, vaultId, keys, readEnc(), readJournal()));
            }
        } catch (RuntimeException failed) {
            keys.close();
            throw failed;
        }
    }

    @Override
    public boolean changePassphrase(Passphrase current, Passphrase replacement) {
        byte[] metaBytes = readMeta();
        if (GoV1Vault.looksLikeV1(metaBytes)) {
            // Migrate first (checking the current passphrase), then re-wrap the new format's key.
            Optional<VaultSession> migrated = migrateFromV1(metaBytes, current);
            if (migrated.isEmpty()) {
                return false;
            }
            migrated.get().close();
            metaBytes = readMeta();
        }
        synchronized (fileLock) {
            VaultMeta meta = decodeMeta(metaBytes);
            Optional<VaultMeta> rewrapped = meta.rewrap(current, replacement, settings);
            if (rewrapped.isEmpty()) {
                return false;
            }
            try {
                writer.replace(metaPath, rewrapped.get().encode());
                return true;
            } catch (IOException failed) {
                throw ioFailure("could not write " + META_FILE + "; the old password still works", failed);
            }
        }
    }

    private Optional<VaultSession> migrateFromV1(byte[] metaBytes, Passphrase passphrase) {
        synchronized (fileLock) {
            byte @Nullable [] liveEnc = readIfPresent(encPath);
            byte[] encBytes = readV1Enc(liveEnc);
            Optional<GoV1Vault.Contents> contents;
            try {
                contents = GoV1Vault.open(metaBytes, encBytes, passphrase);
            } catch (DamagedFileException damaged) {
                throw corrupted(damaged.file().equals(META_FILE) ? metaPath : encPath);
            }
            if (contents.isEmpty()) {
                return Optional.empty();
            }
            try {
                Path metaBackup = directory.resolve(META_V1_BACKUP);
                Path encBackup = directory.resolve(ENC_V1_BACKUP);
                if (Files.notExists(metaBackup)) {
                    writer.replace(metaBackup, metaBytes);
                }
                if (liveEnc != null && GoV1Vault.looksLikeV1(liveEnc) && Files.notExists(encBackup)) {
                    writer.replace(encBackup, encBytes);
                }
                VaultSession migrated = writeNewVault(passphrase, contents.get().secrets());
                for (GoV1Vault.Renamed renamed : contents.get().renamed()) {
                    warnings.accept("a Go OmniVault secret whose path is not allowed here was stored as '"
                            + renamed.storedAs() + "' (its Go path: " + LogText.quoted(renamed.goPath()) + ")");
                }
                warnings.accept("the Go OmniVault vault in " + directory + " was migrated; its files are kept as "
                        + String.join(" and ", legacyBackups()) + ", which still open with the Go password");
                return Optional.of(migrated);
            } catch (IOException failed) {
                throw ioFailure("could not migrate the Go OmniVault vault; its files are unchanged", failed);
            } finally {
                contents.get().secrets().forEach(Secret::close);
            }
        }
    }

    /**
     * The v1 {@code vault.enc}: the live file while it is still v1; its backup when a migration
     * stopped after replacing {@code vault.enc} and before replacing {@code vault.meta} (and only
     * then: a format-2 vault with changes of its own is never migrated over); an empty vault when
     * there is neither, as the Go OmniVault reads a missing {@code vault.enc}.
     */
    private byte[] readV1Enc(byte @Nullable [] live) {
        if (live != null && GoV1Vault.looksLikeV1(live)) {
            return live;
        }
        Path backup = directory.resolve(ENC_V1_BACKUP);
        if (live != null) {
            refuseToMigrateOverChanges(live);
            if (Files.notExists(backup)) {
                throw corrupted(encPath);
            }
        }
        byte @Nullable [] saved = readIfPresent(backup);
        return saved != null ? saved : EMPTY_V1_VAULT.clone();
    }

    /**
     * Beside a Go {@code vault.meta}, a format-2 {@code vault.enc} is what a migration interrupted
     * before its last step left only while it is the migration's own: its first generation, and
     * no change in a journal. Anything else holds changes made since, and a {@code vault.meta}
     * that is a Go one again (a restored backup, a sync conflict) must not cost them.
     */
    private void refuseToMigrateOverChanges(byte[] liveEnc) {
        long generation;
        try {
            generation = RecordFile.claimedGeneration(liveEnc);
        } catch (DamagedFileException notOurs) {
            throw corrupted(encPath);
        }
        byte @Nullable [] journal = readIfPresent(journalPath);
        boolean untouched = generation <= 1 && (journal == null || journal.length <= Journal.HEADER_BYTES);
        if (!untouched) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.CORRUPTED,
                    CORRUPTED + metaPath + " (it is a Go OmniVault vault.meta again, but " + ENC_FILE + " and "
                            + Journal.FILE + " hold a migrated vault with changes since; refusing to migrate over"
                            + " them: put back the vault.meta of the migrated vault, or move " + ENC_FILE + " and "
                            + Journal.FILE + " away to migrate the Go vault again)");
        }
    }

    /** The backups of a migrated Go OmniVault vault that are still in the directory. */
    @Override
    public List<String> legacyBackups() {
        var present = new ArrayList<String>();
        for (String name : List.of(META_V1_BACKUP, ENC_V1_BACKUP)) {
            if (Files.exists(directory.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                present.add(name);
            }
        }
        return present;
    }

    @Override
    public List<String> forgetLegacyBackups() {
        synchronized (fileLock) {
            List<String> present = legacyBackups();
            try {
                for (String name : present) {
                    Files.deleteIfExists(directory.resolve(name));
                }
                AtomicFileWriter.syncDirectory(directory);
            } catch (IOException failed) {
                throw ioFailure("could not remove the Go OmniVault backups in " + directory, failed);
            }
            return present;
        }
    }

    private byte @Nullable [] readIfPresent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException failed) {
            throw ioFailure("could not read " + file, failed);
        }
    }

    /** Writes a fresh v2 vault holding {@code secrets}: {@code vault.enc} first, then {@code vault.meta}. */
    private VaultSession writeNewVault(Passphrase passphrase, List<Secret> secrets) throws IOException {
        VaultMeta.Created created = VaultMeta.create(passphrase, settings, clock.instant());
        VaultMeta meta = created.meta();
        VaultKeys keys = created.keys();
        byte[] vaultId = meta.vaultId();
        try {
            FileSession session = FileSession.empty(this, vaultId, keys);
            session.stage(secrets);
            // A journal left by an earlier vault in this directory must not meet the new one.
            Files.deleteIfExists(journalPath);
            session.writeWhole();
            writer.replace(metaPath, meta.encode());
            return session;
        } catch (IOException | RuntimeException failed) {
            keys.close();
            throw failed;
        }
    }

    /** A {@code vault.enc} without {@code vault.meta} is kept unless it is an empty one left by a failed init. */
    private void refuseToOverwriteAnOrphanVault() throws IOException {
        if (Files.notExists(encPath)) {
            return;
        }
        byte[] orphan = Files.readAllBytes(encPath);
        boolean emptyV2 = false;
        try {
            emptyV2 = RecordFile.claimedRecordCount(orphan) == 0;
        } catch (DamagedFileException notV2) {
            emptyV2 = false;
        }
        if (!emptyV2) {
            throw new IOException(encPath + " exists without " + META_FILE
                    + "; move it away (it may hold secrets) before creating a new vault");
        }
    }

    private void tightenExistingModes() {
        try {
            FileModes.prepareDirectory(directory);
            FileModes.tighten(metaPath, FileModes.OWNER_ONLY_FILE);
            FileModes.tighten(encPath, FileModes.OWNER_ONLY_FILE);
            if (Files.exists(journalPath)) {
                FileModes.tighten(journalPath, FileModes.OWNER_ONLY_FILE);
            }
            removeLeftoverTempFiles();
        } catch (IOException failed) {
            throw ioFailure("could not secure " + directory, failed);
        }
    }

    /** Temporary files of writes that a crash interrupted: never the live files, so safe to remove. */
    private void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> temps =
                Files.newDirectoryStream(directory, ".vault.*" + AtomicFileWriter.TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private byte[] readMeta() {
        try {
            return Files.readAllBytes(metaPath);
        } catch (NoSuchFileException missing) {
            throw new VaultNotInitialisedException();
        } catch (IOException failed) {
            throw ioFailure("could not read " + metaPath, failed);
        }
    }

    private byte[] readEnc() {
        return readOrCorrupted(encPath);
    }

    /** The journal's bytes; none when there is no journal (a vault of format 2, or a first generation). */
    private byte @Nullable [] readJournal() {
        return readIfPresent(journalPath);
    }

    private byte[] readOrCorrupted(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            throw new VaultStoreException(VaultStoreException.Kind.CORRUPTED, CORRUPTED + file + " (missing)");
        } catch (IOException failed) {
            throw ioFailure("could not read " + file, failed);
        }
    }

    private VaultMeta decodeMeta(byte[] metaBytes) {
        try {
            return VaultMeta.decode(metaBytes);
        } catch (DamagedFileException damaged) {
            throw corrupted(metaPath);
        }
    }

    static VaultStoreException corrupted(Path file) {
        return new VaultStoreException(VaultStoreException.Kind.CORRUPTED, CORRUPTED + file);
    }

    static VaultStoreException corrupted(Path file, String detail) {
        return new VaultStoreException(VaultStoreException.Kind.CORRUPTED, CORRUPTED + file + " (" + detail + ")");
    }

    private static VaultStoreException ioFailure(String what, IOException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new VaultStoreException(VaultStoreException.Kind.IO_FAILURE, what + ": " + reason, cause);
    }

    /** A record's id as a map key (32 bytes of HMAC, compared by content). */
    private record RecordId(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof RecordId that && java.util.Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "RecordId";
        }
    }

    /** What a listing needs of one secret: its record's id and its summary (never its value). */
    private record Listed(byte[] id, SecretSummary summary) {}

    /** A secret just sealed, before it is stored: path, record id, sealed bytes and summary. */
    private record Sealing(String path, byte[] id, byte[] sealed, SecretSummary summary) {
        Listed listed() {
            return new Listed(id, summary);
        }
    }

    /**
     * An open vault: the keys, and every record still encrypted, so values are decrypted only when
     * read. Reads run in parallel; changes are serialised, and each one is on disk before it becomes
     * visible in memory, so a failed write leaves both as they were and no reader ever sees a change
     * that is not on disk. The caller never closes a session while a read runs (the application's
     * lock guarantees it).
     *
     * <p>A read finds its record by id (the HMAC of its path), so it needs no decryption beyond its
     * own. The listing index (path to id and summary) is built by decrypting every record once: at
     * unlock for a small vault, and in the background for a big one, so that an unlock costs about
     * the same at 100,000 secrets as at 100 ({@code vault.enc}'s MAC has already authenticated every
     * record). A listing or a change waits for the index; a read does not.
     */
    private static final class FileSession implements VaultSession {

        /** From this many records on, the index is built in the background, on every core. */
        private static final int BACKGROUND_FROM = 20_000;
        /** The generation of a {@code vault.enc} written by a creation or migration. */
        private static final long FIRST_GENERATION = 1;
        /** The least journal size at which {@code vault.enc} is written whole again. */
        private static final long COMPACT_FROM_BYTES = 1024 * 1024;

        private final EncryptedFileVaultStore store;
        private final byte[] vaultId;
        private final VaultKeys keys;
        /** Every record, still sealed, by id: what {@code vault.enc} and the journal hold together. */
        private final ConcurrentHashMap<RecordId, byte[]> records;
        /** Ids whose record came from the journal at unlock: a damaged one is reported in that file. */
        private final Set<RecordId> fromJournal = ConcurrentHashMap.newKeySet();
        /**
         * Path (as text, so a listing can start at any prefix, valid path or not) to id and summary;
         * complete once built, and kept in step with every change after.
         */
        private volatile CompletableFuture<ConcurrentSkipListMap<String, Listed>> index;
        /** The thread building the index in the background; none for a small vault. */
        private volatile @Nullable Thread indexer;

        /** The generation, trailing MAC and size of the {@code vault.enc} on disk, which the journal continues. */
        private long generation;

        private byte[] baseMac = new byte[RecordFile.MAC_BYTES];

        private long baseLength;
        /** Where the journal's valid part ends; 0 while there is no journal for this base. */
        private long journalLength;
        /** The MAC the next journal change chains to. */
        private byte[] journalChain = new byte[0];

        private volatile boolean closed;

        private FileSession(EncryptedFileVaultStore store, byte[] vaultId, VaultKeys keys, int expectedRecords) {
            this.store = store;
            this.vaultId = vaultId;
            this.keys = keys;
            this.records = new ConcurrentHashMap<>(Math.max(16, expectedRecords * 4 / 3 + 1));
            this.index = CompletableFuture.completedFuture(new ConcurrentSkipListMap<>());
        }

        static FileSession empty(EncryptedFileVaultStore store, byte[] vaultId, VaultKeys keys) {
            return new FileSession(store, vaultId, keys, 0);
        }

        /**
         * Authenticates {@code vault.enc} and the journal (their MACs cover every byte), takes their
         * records as they are, and starts the index (see the class comment).
         */
        static FileSession load(
                EncryptedFileVaultStore store,
                byte[] vaultId,
                VaultKeys keys,
                byte[] encBytes,
                byte @Nullable [] journalBytes) {
            RecordFile.Contents base;
            try {
                base = RecordFile.decode(encBytes, vaultId, keys);
            } catch (DamagedFileException damaged) {
                throw corrupted(store.encPath);
            }
            var session = new FileSession(store, vaultId, keys, base.records().size());
            for (RecordFile.Sealed record : base.records()) {
                session.records.put(new RecordId(record.id()), record.sealed());
            }
            session.baseWritten(encBytes, base.generation());
            if (journalBytes != null) {
                session.replay(journalBytes);
            } else if (base.generation() > FIRST_GENERATION) {
                // Every whole write after the first leaves a journal header beside vault.enc.
                throw corrupted(store.journalPath, "missing");
            }
            session.startIndex();
            return session;
        }

        /** Records that {@code enc} is now {@code vault.enc}: a journal must continue it, from scratch. */
        private void baseWritten(byte[] enc, long generation) {
            this.generation = generation;
            baseMac = java.util.Arrays.copyOfRange(enc, enc.length - RecordFile.MAC_BYTES, enc.length);
            baseLength = enc.length;
            journalLength = 0;
        }

        private Journal.Base base() {
            return new Journal.Base(generation, baseMac);
        }

        /** Applies the journal's changes on top of the base; a journal of an older base is left out. */
        private void replay(byte[] journalBytes) {
            Optional<Journal.Contents> contents;
            try {
                contents = Journal.decode(journalBytes, vaultId, base(), keys);
            } catch (DamagedFileException damaged) {
                throw damaged.file().isEmpty()
                        ? corrupted(store.journalPath)
                        : corrupted(store.encPath, damaged.getMessage());
            }
            if (contents.isEmpty()) {
                return;
            }
            for (Journal.Change change : contents.get().changes()) {
                var id = new RecordId(change.id());
                if (change.type() == Journal.DELETE) {
                    if (records.remove(id) == null) {
                        throw corrupted(store.journalPath); // deletes a record that is not there
                    }
                    fromJournal.remove(id);
                } else {
                    records.put(id, change.sealed());
                    fromJournal.add(id);
                }
            }
            journalLength = contents.get().validLength();
            journalChain = contents.get().chain();
        }

        /** Builds the index now for a small vault (a damaged record fails the unlock), else in the background. */
        private void startIndex() {
            List<RecordFile.Sealed> all = sealedList(records);
            if (all.size() < BACKGROUND_FROM) {
                index = CompletableFuture.completedFuture(new ConcurrentSkipListMap<>(openSlice(all)));
                return;
            }
            var building = new CompletableFuture<ConcurrentSkipListMap<String, Listed>>();
            index = building;
            indexer = Thread.ofPlatform().daemon().name("omnivault-index").start(() -> {
                try {
                    building.complete(buildInParallel(all));
                } catch (RuntimeException | Error failed) {
                    // never left pending: a listing waiting for it would wait forever
                    building.completeExceptionally(failed);
                }
            });
        }

        /**
         * Opens {@code all} in slices, one thread per core, and merges them by path. Every slice's
         * thread has ended when this returns, so a close that waits for this thread waits for all.
         */
        private ConcurrentSkipListMap<String, Listed> buildInParallel(List<RecordFile.Sealed> all) {
            int slices = Math.max(
                    1,
                    Math.min(
                            all.size() / (BACKGROUND_FROM / 2),
                            Runtime.getRuntime().availableProcessors()));
            int size = (all.size() + slices - 1) / slices;
            var parts = new ArrayList<FutureTask<SortedMap<String, Listed>>>();
            var threads = new ArrayList<Thread>();
            for (int from = 0; from < all.size(); from += size) {
                var slice = all.subList(from, Math.min(all.size(), from + size));
                var part = new FutureTask<>(() -> openSlice(slice));
                parts.add(part);
                threads.add(Thread.ofPlatform()
                        .daemon()
                        .name("omnivault-index-" + threads.size())
                        .start(part));
            }
            threads.forEach(FileSession::joinUninterruptibly);
            var merged = new TreeMap<String, Listed>();
            try {
                for (var part : parts) {
                    merged.putAll(part.get());
                }
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException("building the vault's index failed", failed.getCause());
            } catch (InterruptedException impossible) {
                throw new IllegalStateException("every part has ended already", impossible);
            }
            // Built from a sorted map in linear time; 100,000 single puts cost a quarter of an unlock.
            return new ConcurrentSkipListMap<>(merged);
        }

        /** Waits for {@code thread} to end; an interrupt meanwhile is kept for the caller to see. */
        private static void joinUninterruptibly(Thread thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Decrypts each record of {@code slice} once, to check it and learn its path and summary;
         * stops early (with what it has) once the session is closed.
         */
        private SortedMap<String, Listed> openSlice(List<RecordFile.Sealed> slice) {
            var opened = new TreeMap<String, Listed>();
            try (var opener = keys.bulk()) {
                for (RecordFile.Sealed sealed : slice) {
                    if (closed) {
                        break;
                    }
                    try (Secret secret = opener.unseal(sealed.id(), sealed.sealed())) {
                        opened.put(secret.path().value(), new Listed(sealed.id(), secret.summary()));
                    } catch (DamagedFileException damaged) {
                        throw damagedRecord(sealed.id());
                    }
                }
            }
            return opened;
        }

        /** The error for a record that does not open: in the file it was read from. */
        private VaultStoreException damagedRecord(byte[] id) {
            return corrupted(fromJournal.contains(new RecordId(id)) ? store.journalPath : store.encPath);
        }

        /** The listing index, waiting for it while it is being built. */
        private ConcurrentSkipListMap<String, Listed> index() {
            try {
                return index.join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw failed;
            }
        }

        @Override
        public Optional<Secret> read(SecretPath path) {
            requireOpen();
            // Once the index is built, it knows every path's id: no keyed hash per read.
            var building = index;
            var built = building.isDone() && !building.isCompletedExceptionally() ? building.join() : null;
            try {
                if (built != null) {
                    Listed listed = built.get(path.value());
                    if (listed == null) {
                        return Optional.empty();
                    }
                    byte[] record = records.get(new RecordId(listed.id()));
                    return record == null ? Optional.empty() : Optional.of(keys.unseal(listed.id(), record, path));
                }
                return keys.find(path, id -> records.get(new RecordId(id)));
            } catch (DamagedFileException damaged) {
                throw damagedRecord(keys.recordId(path));
            }
        }

        @Override
        public synchronized void write(Secret secret) {
            requireOpen();
            var index = index();
            Sealing sealing = seal(secret);
            append(new Journal.Change(Journal.PUT, sealing.id(), sealing.sealed()));
            records.put(new RecordId(sealing.id()), sealing.sealed());
            index.put(sealing.path(), sealing.listed());
            compactIfDue();
        }

        @Override
        public synchronized void writeAll(List<Secret> secrets) {
            requireOpen();
            var index = index();
            var sealings = new ArrayList<Sealing>(secrets.size());
            var next = new HashMap<>(records);
            for (Secret secret : secrets) {
                Sealing sealing = seal(secret);
                sealings.add(sealing);
                next.put(new RecordId(sealing.id()), sealing.sealed());
            }
            persist(next);
            for (Sealing sealing : sealings) {
                records.put(new RecordId(sealing.id()), sealing.sealed());
                index.put(sealing.path(), sealing.listed());
            }
        }

        @Override
        public synchronized boolean delete(SecretPath path) {
            requireOpen();
            var index = index();
            byte[] id = keys.recordId(path);
            if (!records.containsKey(new RecordId(id))) {
                return false;
            }
            append(new Journal.Change(Journal.DELETE, id, new byte[0]));
            records.remove(new RecordId(id));
            index.remove(path.value());
            compactIfDue();
            return true;
        }

        @Override
        public List<SecretSummary> list(String prefix) {
            requireOpen();
            var summaries = new ArrayList<SecretSummary>();
            for (var entry : index().tailMap(prefix, true).entrySet()) {
                if (!entry.getKey().startsWith(prefix)) {
                    break;
                }
                summaries.add(entry.getValue().summary());
            }
            return summaries;
        }

        @Override
        public int count() {
            requireOpen();
            return records.size();
        }

        @Override
        public synchronized void close() {
            closed = true;
            // A background index stops at its next record; once its threads have ended, the keys
            // (and their openers) are zeroed.
            Thread building = indexer;
            if (building != null) {
                joinUninterruptibly(building);
            }
            var built = index.exceptionally(stopped -> null).join();
            keys.close();
            records.clear();
            fromJournal.clear();
            if (built != null) {
                built.clear();
            }
        }

        /** Adds many secrets in memory; {@link #encode} then writes them in one file (migration). */
        void stage(List<Secret> secrets) {
            var index = index();
            for (Secret secret : secrets) {
                Sealing sealing = seal(secret);
                records.put(new RecordId(sealing.id()), sealing.sealed());
                index.put(sealing.path(), sealing.listed());
            }
        }

        /** Writes every record to a new {@code vault.enc} (creation and migration). */
        void writeWhole() {
            persist(new HashMap<>(records));
        }

        private static List<RecordFile.Sealed> sealedList(Map<RecordId, byte[]> byId) {
            var list = new ArrayList<RecordFile.Sealed>(byId.size());
            byId.forEach((id, record) -> list.add(new RecordFile.Sealed(id.bytes(), record)));
            return list;
        }

        /**
         * Makes {@code next} the content of {@code vault.enc}, written whole at the next generation,
         * and starts a new journal for it (the old one's changes are in {@code next}); memory is
         * changed by the caller only after.
         */
        private void persist(Map<RecordId, byte[]> next) {
            synchronized (store.fileLock) {
                long nextGeneration = generation + 1;
                try {
                    byte[] enc = RecordFile.encode(vaultId, nextGeneration, sealedList(next), keys);
                    store.writer.replace(store.encPath, enc);
                    baseWritten(enc, nextGeneration);
                    fromJournal.clear(); // every record is in vault.enc now
                } catch (IOException failed) {
                    throw ioFailure("could not write " + ENC_FILE + "; the vault is unchanged", failed);
                }
                try {
                    // The journal's header names this vault.enc, so an older copy restored over it
                    // later is told apart from it. A journal of the old base is left out meanwhile.
                    startJournal();
                } catch (IOException leftForTheNextWrite) {
                    // the next change writes the header again
                }
            }
        }

        /** Replaces the journal with an empty one that continues the {@code vault.enc} on disk. */
        private void startJournal() throws IOException {
            byte[] header = Journal.header(vaultId, base(), keys);
            store.writer.replace(store.journalPath, header);
            journalChain = Journal.firstChain(keys, header);
            journalLength = header.length;
        }

        /** Appends one change to the journal, durably; memory is changed by the caller only after. */
        private void append(Journal.Change change) {
            synchronized (store.fileLock) {
                try {
                    if (journalLength == 0) {
                        startJournal();
                    }
                    byte[] bytes = Journal.encode(change, journalChain, keys);
                    store.writer.append(store.journalPath, journalLength, bytes);
                    journalChain = Journal.chainOf(bytes);
                    journalLength += bytes.length;
                } catch (IOException failed) {
                    throw ioFailure("could not write " + Journal.FILE + "; the vault is unchanged", failed);
                }
            }
        }

        /**
         * Writes {@code vault.enc} whole once the journal has grown to half its size (at least
         * 1 MiB), so an unlock never replays more than that and the cost of a write, spread over
         * the writes since, stays flat. A compaction that fails leaves the journal as it was.
         */
        private void compactIfDue() {
            if (journalLength < Math.max(COMPACT_FROM_BYTES, baseLength / 2)) {
                return;
            }
            try {
                persist(new HashMap<>(records));
            } catch (VaultStoreException notNow) {
                // the change is in the journal already; the next write tries again
            }
        }

        private Sealing seal(Secret secret) {
            SealedRecord sealed = keys.seal(secret);
            return new Sealing(secret.path().value(), sealed.id(), sealed.sealed(), secret.summary());
        }

        private void requireOpen() {
            if (closed) {
                throw new IllegalStateException("vault session is closed");
            }
        }
    }
}
