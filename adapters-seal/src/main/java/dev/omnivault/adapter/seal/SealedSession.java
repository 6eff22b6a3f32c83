package dev.omnivault.adapter.seal;

import dev.omnivault.application.port.out.MemberEnrolment;
import dev.omnivault.application.port.out.VaultSession;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.MemberName;
import dev.omnivault.domain.RevisionConflictException;
import dev.omnivault.domain.Secret;
import dev.omnivault.domain.SecretPath;
import dev.omnivault.domain.SecretSummary;
import dev.omnivault.domain.VaultLockedException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * An open vault over a {@link RecordStore}: the keys, every record still sealed (so a value is
 * decrypted only when read), and the {@link ListingIndex}. Reads run in parallel; changes are
 * serialised, and each one is in the record store, durably, before it becomes visible here, so a
 * failed write leaves both as they were and no reader sees a change the store does not hold. The
 * caller never closes a session while a read runs (the application's lock guarantees it).
 */
final class SealedSession implements VaultSession {

    private final RecordStore records;
    /** Replaced (and the old ones closed) only by a re-keying this session makes, with no read running. */
    private volatile VaultKeys keys;
    /** The member this session was opened as, in a store that keeps a team; null in one that does not. */
    private final @Nullable MemberName member;
    /** Set when another daemon re-keyed the vault: these keys open nothing written since. */
    private volatile boolean revoked;
    /** Every sealed record by id, as the record store holds them at {@link #revision}. */
    private final ConcurrentHashMap<ByteBuffer, byte[]> sealed;

    /** Replaced whole when the session reloads everything (a store that cannot list its changes). */
    private volatile ListingIndex index;

    private long revision;
    /** What the records at {@link #revision} add up to, for a store that keeps a digest; null for one that does not. */
    private @Nullable VaultDigest digest;

    private volatile boolean closed;

    private SealedSession(
            RecordStore records,
            VaultKeys keys,
            @Nullable MemberName member,
            long revision,
            List<SealedRecord> all,
            @Nullable VaultDigest digest,
            Function<SealedSession, ListingIndex> index) {
        this.records = records;
        this.keys = keys;
        this.member = member;
        this.revision = revision;
        this.sealed = new ConcurrentHashMap<>(Math.max(16, all.size() * 4 / 3 + 1));
        for (SealedRecord record : all) {
            sealed.put(ByteBuffer.wrap(record.idBytes()), record.sealedBytes());
        }
        this.digest = digest;
        this.index = index.apply(this);
    }

    /**
     * The session of a vault read from the store: its index is built by opening the records. For a
     * store that keeps a digest, the records must add up to it, first.
     */
    static SealedSession loaded(
            RecordStore records, VaultKeys keys, @Nullable MemberName member, RecordStore.Snapshot snapshot) {
        VaultDigest digest = null;
        if (records.keepsDigest()) {
            digest = keys.digestOf(snapshot.records());
            requireDigest(records, keys, digest, snapshot.digest(), snapshot.revision());
        }
        return new SealedSession(
                records,
                keys,
                member,
                snapshot.revision(),
                snapshot.records(),
                digest,
                session -> ListingIndex.build(snapshot.records(), keys, session::damaged));
    }

    /** What {@code stored} adds up to, for a store that keeps a digest; null for one that does not. */
    static @Nullable VaultDigest digestOf(RecordStore records, VaultKeys keys, List<SealedRecord> stored) {
        return records.keepsDigest() ? keys.digestOf(stored) : null;
    }

    /**
     * Checks that {@code computed}, what the rows add up to, is the digest the vault's writers kept
     * at {@code revision}: a row put back to an older version, removed or added is found here.
     */
    private static void requireDigest(
            RecordStore records, VaultKeys keys, VaultDigest computed, byte[] kept, long revision) {
        if (kept.length == 0) {
            throw records.damaged(RecordStore.Part.DIGEST, null);
        }
        try {
            if (!keys.openDigest(kept, revision).matches(computed)) {
                throw records.damaged(RecordStore.Part.DIGEST, null);
            }
        } catch (DamagedFileException damaged) {
            throw records.damaged(RecordStore.Part.DIGEST, null);
        }
    }

    /**
     * What the records add up to after {@code others} and then {@code batch}, from this session's
     * records (which neither changes); null for a store that keeps no digest.
     */
    private @Nullable VaultDigest digestAfter(RecordStore.Changes others, RecordStore.Batch batch) {
        VaultDigest current = digest;
        if (current == null) {
            return null;
        }
        VaultDigest next = current.copy();
        var overlay = new java.util.HashMap<ByteBuffer, byte @Nullable []>();
        for (RecordStore.Changes change : List.of(others, new RecordStore.Changes(0, batch.puts(), batch.deletes()))) {
            for (byte[] id : change.deletes()) {
                ByteBuffer key = ByteBuffer.wrap(id);
                byte[] old = overlay.containsKey(key) ? overlay.get(key) : sealed.get(key);
                if (old != null) {
                    next.remove(keys.digestTerm(id, old));
                    overlay.put(key, null);
                }
            }
            for (SealedRecord put : change.puts()) {
                ByteBuffer key = ByteBuffer.wrap(put.idBytes());
                byte[] old = overlay.containsKey(key) ? overlay.get(key) : sealed.get(key);
                if (old != null) {
                    next.remove(keys.digestTerm(put.idBytes(), old));
                }
                next.add(keys.digestTerm(put.idBytes(), put.sealedBytes()));
                overlay.put(key, put.sealedBytes());
            }
        }
        return next;
    }

    private static final RecordStore.Changes NO_CHANGES = new RecordStore.Changes(0, List.of(), List.of());
    private static final RecordStore.Batch NO_BATCH = new RecordStore.Batch(List.of(), List.of());

    /** {@code batch}, with the digest after it at {@code at} for a store that keeps one; and that digest. */
    private RecordStore.Batch withDigest(RecordStore.Batch batch, @Nullable VaultDigest after, long at) {
        return after == null ? batch : batch.withDigest(keys.sealDigest(after, at));
    }

    /**
     * The session of a vault just written whole from {@code secrets} (a creation, a migration),
     * sealed as {@code stored}: its index comes from the secrets, with nothing to open.
     */
    static SealedSession written(
            RecordStore records,
            VaultKeys keys,
            @Nullable MemberName member,
            long revision,
            List<Secret> secrets,
            List<SealedRecord> stored,
            @Nullable VaultDigest digest) {
        var entries = new TreeMap<String, ListingIndex.Listed>();
        for (int i = 0; i < secrets.size(); i++) {
            entries.put(
                    secrets.get(i).path().value(),
                    new ListingIndex.Listed(
                            stored.get(i).idBytes(), secrets.get(i).summary()));
        }
        return new SealedSession(
                records,
                keys,
                member,
                revision,
                stored,
                digest,
                session -> ListingIndex.of(entries, keys, session::damaged));
    }

    @Override
    public Optional<Secret> read(SecretPath path) {
        requireOpen();
        // Once the index is built, it knows every path's id: no keyed hash per read.
        Map<String, ListingIndex.Listed> built = index.ifBuilt();
        byte[] id = null;
        try {
            if (built == null) {
                return keys.find(path, wanted -> sealed.get(ByteBuffer.wrap(wanted)));
            }
            ListingIndex.Listed listed = built.get(path.value());
            if (listed == null) {
                return Optional.empty();
            }
            id = listed.id();
            byte[] record = sealed.get(ByteBuffer.wrap(id));
            return record == null ? Optional.empty() : Optional.of(keys.unseal(id, record, path));
        } catch (DamagedFileException damaged) {
            throw damaged(id != null ? id : keys.recordId(path));
        }
    }

    @Override
    public long write(Secret secret) {
        return put(List.of(secret), false, null, Secret.UNSTORED);
    }

    @Override
    public long writeIf(Secret secret, long revision) {
        return put(List.of(secret), false, secret.path(), revision);
    }

    @Override
    public void writeAll(List<Secret> secrets) {
        put(secrets, true, null, Secret.UNSTORED);
    }

    /**
     * Seals {@code secrets} for the revision their write lands at, and writes them; when {@code
     * conditional} is given, only if the secret there is still at {@code condition} where the
     * write lands (0: there is none). Returns the revision they are stored at.
     */
    private synchronized long put(
            List<Secret> secrets, boolean bulk, @Nullable SecretPath conditional, long condition) {
        requireOpen();
        index.await(); // a change waits for the index
        List<Condition> conditions = List.of();
        if (conditional != null) {
            conditions = List.of(new Condition(keys.recordId(conditional), condition));
            requireAt(conditions);
        }
        Landed landed = land(
                at -> {
                    var puts = new ArrayList<SealedRecord>(secrets.size());
                    for (Secret secret : secrets) {
                        puts.add(keys.seal(secret, at));
                    }
                    return new RecordStore.Batch(puts, List.of(), bulk);
                },
                conditions);
        var entries = index.await(); // a reload meanwhile may have made a new one
        List<SealedRecord> puts = landed.batch().puts();
        for (int i = 0; i < secrets.size(); i++) {
            SealedRecord put = puts.get(i);
            sealed.put(ByteBuffer.wrap(put.idBytes()), put.sealedBytes());
            entries.put(
                    secrets.get(i).path().value(),
                    new ListingIndex.Listed(put.idBytes(), secrets.get(i).summary()));
        }
        return landed.sealedAt();
    }

    @Override
    public synchronized long move(Secret moved, SecretPath from, long fromRevision, OptionalLong toRevision) {
        requireOpen();
        index.await();
        byte[] fromId = keys.recordId(from);
        var conditions = new ArrayList<Condition>(2);
        conditions.add(new Condition(fromId, fromRevision));
        toRevision.ifPresent(revision -> conditions.add(new Condition(keys.recordId(moved.path()), revision)));
        requireAt(conditions);
        Landed landed =
                land(at -> new RecordStore.Batch(List.of(keys.seal(moved, at)), List.of(fromId), false), conditions);
        var entries = index.await(); // a reload meanwhile may have made a new one
        SealedRecord put = landed.batch().puts().getFirst();
        sealed.put(ByteBuffer.wrap(put.idBytes()), put.sealedBytes());
        entries.put(moved.path().value(), new ListingIndex.Listed(put.idBytes(), moved.summary()));
        sealed.remove(ByteBuffer.wrap(fromId));
        entries.remove(from.value());
        return landed.sealedAt();
    }

    @Override
    public synchronized boolean delete(SecretPath path) {
        requireOpen();
        ListingIndex.Listed listed = index.await().get(path.value());
        if (listed == null) {
            return false;
        }
        RecordStore.Batch deletion = RecordStore.Batch.delete(listed.id());
        land(at -> deletion, List.of());
        // it was there when this delete landed unless another writer deleted it first (their changes are taken)
        boolean wasThere = sealed.remove(ByteBuffer.wrap(listed.id())) != null;
        index.await().remove(path.value());
        return wasThere;
    }

    /** A change written, the revision its records were sealed for, and the digest after it (null if none is kept). */
    private record Landed(
            long sealedAt,
            RecordStore.Batch batch,
            @Nullable VaultDigest digest) {}

    /**
     * Writes the batch {@code sealedFor} seals for the revision it lands at: first as the next
     * revision after this session's; when another writer changed the store first, on top of its
     * changes (the store seals it again for where it lands) or, for a store that cannot, after
     * catching up. The last writer wins, in the store's commit order, and no change is lost; a
     * write conditional on {@code conditionalId} is refused when the others' changes touch it.
     * Gives up after a few rounds of writers racing ahead.
     */
    private Landed land(LongFunction<RecordStore.Batch> sealedFor, List<Condition> conditions) {
        if (revoked) {
            throw rekeyedElsewhere();
        }
        for (int attempt = 1; ; attempt++) {
            long next = revision + 1;
            RecordStore.Batch batch = sealedFor.apply(next);
            VaultDigest after = digestAfter(NO_CHANGES, batch);
            try {
                revision = records.apply(revision, withDigest(batch, after, next), keys);
                digest = after;
                return new Landed(next, batch, after);
            } catch (StaleRevisionException stale) {
                var landed = new ArrayList<Landed>(1);
                Optional<RecordStore.Applied> applied = records.applyOnTop(
                        revision,
                        (at, others) -> {
                            requireEpoch(others.header());
                            VaultDigest afterOthers = digestAfter(others, NO_BATCH);
                            if (afterOthers != null) {
                                // the rows the others left must add up to what they kept, before this lands on them
                                requireDigest(records, keys, afterOthers, others.digest(), others.revision());
                            }
                            for (Condition condition : conditions) {
                                if (touches(others, condition.id())) {
                                    throw new RevisionConflictException(condition.revision());
                                }
                            }
                            RecordStore.Batch there = sealedFor.apply(at);
                            VaultDigest afterThere = digestAfter(others, there);
                            landed.clear();
                            landed.add(new Landed(at, there, afterThere));
                            return withDigest(there, afterThere, at);
                        },
                        keys);
                if (applied.isPresent()) {
                    // the store queued this writer behind the others: take their changes, then ours
                    takeChecked(applied.get().others()); // their digest was checked where this landed
                    revision = applied.get().revision();
                    digest = landed.getFirst().digest();
                    return landed.getFirst();
                }
                catchUpAfter(stale, attempt);
                requireAt(conditions);
            }
        }
    }

    /** Whether {@code changes} put or delete the record {@code id}. */
    private static boolean touches(RecordStore.Changes changes, byte[] id) {
        for (SealedRecord put : changes.puts()) {
            if (java.util.Arrays.equals(put.idBytes(), id)) {
                return true;
            }
        }
        for (byte[] deleted : changes.deletes()) {
            if (java.util.Arrays.equals(deleted, id)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a conditional write when, as this session sees the store, the record {@code id} is not at {@code condition}. */
    /** A write's condition: the record {@code id} is at {@code revision} ({@link Secret#UNSTORED}: there is none). */
    private record Condition(byte[] id, long revision) {
        @Override
        public String toString() {
            return "Condition[revision " + revision + "]";
        }
    }

    private void requireAt(List<Condition> conditions) {
        for (Condition condition : conditions) {
            requireAt(condition.id(), condition.revision());
        }
    }

    private void requireAt(byte[] id, long condition) {
        byte[] record = sealed.get(ByteBuffer.wrap(id));
        long current = Secret.UNSTORED;
        if (record != null) {
            try (Secret secret = keys.unseal(id, record)) {
                current = secret.revision();
            } catch (DamagedFileException damaged) {
                throw damaged(id);
            }
        }
        if (current != condition) {
            throw new RevisionConflictException(condition);
        }
    }

    @Override
    public List<SecretSummary> list(String prefix) {
        requireOpen();
        var summaries = new ArrayList<SecretSummary>();
        for (var entry : index.await().tailMap(prefix, true).entrySet()) {
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
        return sealed.size();
    }

    /** Stops a background index, then zeroes the keys and forgets every record. */
    @Override
    public synchronized void close() {
        closed = true;
        index.close();
        keys.close();
        sealed.clear();
    }

    private static final int MAX_ATTEMPTS = 8;

    private void catchUpAfter(StaleRevisionException stale, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.IO_FAILURE,
                    "the vault is being changed by other writers faster than this one can catch up; try again",
                    stale);
        }
        catchUp();
    }

    /**
     * Brings this session to the store's latest revision: the changes since its own when the
     * store can list them, else everything read again (and the index built anew). Writers wait;
     * readers go on meanwhile and see each record either before or after.
     */
    synchronized void catchUp() {
        requireOpen();
        Optional<RecordStore.Changes> changes = records.changesSince(revision, keys);
        if (changes.isEmpty()) {
            reloadEverything();
            return;
        }
        take(changes.get());
        revision = changes.get().revision();
    }

    /**
     * Applies another writer's changes to the records and the index (not to the revision); for a
     * store that keeps a digest, once the records after them add up to the one kept with them.
     */
    private void take(RecordStore.Changes changes) {
        requireEpoch(changes.header());
        VaultDigest after = digestAfter(changes, NO_BATCH);
        if (after != null) {
            requireDigest(records, keys, after, changes.digest(), changes.revision());
        }
        takeChecked(changes);
        if (after != null) {
            digest = after;
        }
    }

    /** {@link #take}, of changes whose digest was checked already (where this writer's batch landed on them). */
    private void takeChecked(RecordStore.Changes changes) {
        var entries = index.await();
        try (var opener = keys.bulk()) {
            for (byte[] id : changes.deletes()) {
                byte[] old = sealed.remove(ByteBuffer.wrap(id));
                if (old != null) {
                    try (Secret gone = opener.unseal(id, old)) {
                        entries.remove(gone.path().value());
                    } catch (DamagedFileException damaged) {
                        throw damaged(id);
                    }
                }
            }
            for (SealedRecord put : changes.puts()) {
                try (Secret secret = opener.unseal(put)) {
                    sealed.put(ByteBuffer.wrap(put.idBytes()), put.sealedBytes());
                    entries.put(secret.path().value(), new ListingIndex.Listed(put.idBytes(), secret.summary()));
                } catch (DamagedFileException damaged) {
                    throw damaged(put.id());
                }
            }
        }
    }

    private void reloadEverything() {
        RecordStore.Snapshot snapshot = records.load(keys);
        requireEpoch(snapshot.header());
        VaultDigest reloaded = null;
        if (records.keepsDigest()) {
            reloaded = keys.digestOf(snapshot.records());
            requireDigest(records, keys, reloaded, snapshot.digest(), snapshot.revision());
        }
        ListingIndex rebuilt = ListingIndex.build(snapshot.records(), keys, this::damaged);
        var fresh = new java.util.HashMap<ByteBuffer, byte[]>();
        for (SealedRecord record : snapshot.records()) {
            fresh.put(ByteBuffer.wrap(record.idBytes()), record.sealedBytes());
        }
        sealed.keySet().retainAll(fresh.keySet());
        sealed.putAll(fresh);
        ListingIndex old = index;
        index = rebuilt;
        old.stopBuilding();
        revision = snapshot.revision();
        digest = reloaded;
    }

    /**
     * Checks that {@code header}, the header a store read with records or changes, is of this
     * session's key epoch; when another daemon re-keyed the vault (a member was removed), marks the
     * session revoked (the daemon then locks) and refuses. A store that does not say its header
     * with them says nothing here.
     */
    private void requireEpoch(byte[] header) {
        if (header.length > 0 && TeamMeta.epochOf(header) != keys.epoch()) {
            revoked = true;
            throw rekeyedElsewhere();
        }
    }

    private static VaultLockedException rekeyedElsewhere() {
        return new VaultLockedException("another member re-keyed the vault (a member was removed), so this daemon"
                + " locked it; unlock again (omnivault unlock)");
    }

    @Override
    public boolean revoked() {
        return revoked;
    }

    @Override
    public Optional<MemberName> member() {
        return Optional.ofNullable(member);
    }

    @Override
    public List<MemberName> members() {
        return team().meta().names();
    }

    /** The team header as the store holds it now, and decoded; verified under this session's keys. */
    private record TeamHeader(byte[] bytes, TeamMeta meta) {}

    private TeamHeader team() {
        requireOpen();
        if (member == null) {
            throw VaultSession.noTeam();
        }
        byte[] header = records.header().orElseThrow(VaultNotInitialisedException::new);
        requireEpoch(header);
        return new TeamHeader(header, verified(header));
    }

    @Override
    public synchronized void addMember(MemberEnrolment enrolment) {
        if (!(enrolment instanceof TeamMeta.Member enrolled)) {
            throw new IllegalArgumentException("an enrolment of another store");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            TeamHeader current = team();
            TeamMeta next = current.meta().with(enrolled, keys);
            if (records.replaceHeader(current.bytes(), next.encode())) {
                return;
            }
        }
        throw new VaultStoreException(
                VaultStoreException.Kind.IO_FAILURE,
                "the vault's member list is being changed by others faster than this change can land; try again");
    }

    /**
     * Re-keys the vault without {@code name}: a new data key wrapped for the others, every record
     * opened and sealed again under it (new ids, the next epoch), the header and the records
     * replaced in one step on top of whatever other daemons wrote meanwhile (the store queues this
     * behind them); then this session holds the new keys, and the other daemons find theirs
     * revoked.
     */
    @Override
    public synchronized void removeMember(MemberName name) {
        team().meta().requireRemovable(name); // refused before any work
        if (revoked) {
            throw rekeyedElsewhere();
        }
        index.await();
        var made = new ArrayList<Resealed>(1);
        try {
            long landed = records.rekey(
                    revision,
                    (at, others) -> {
                        made.forEach(Resealed::discard);
                        made.clear();
                        Resealed resealed = resealWithout(name, at, others);
                        made.add(resealed);
                        return new RecordStore.Rekeyed(resealed.header(), resealed.everything());
                    },
                    keys);
            Resealed resealed = made.getFirst();
            VaultKeys old = keys;
            ListingIndex oldIndex = index;
            keys = resealed.keys();
            sealed.clear();
            for (SealedRecord put : resealed.everything().puts()) {
                sealed.put(ByteBuffer.wrap(put.idBytes()), put.sealedBytes());
            }
            index = ListingIndex.of(resealed.entries(), resealed.keys(), this::damaged);
            revision = landed;
            digest = resealed.digest();
            oldIndex.stopBuilding();
            old.close();
        } catch (RuntimeException failed) {
            made.forEach(Resealed::discard);
            throw failed;
        }
    }

    /** A re-keyed vault, made but not yet landed: its keys are closed unless it lands. */
    private record Resealed(
            byte[] header,
            VaultKeys keys,
            RecordStore.Batch everything,
            TreeMap<String, ListingIndex.Listed> entries,
            @Nullable VaultDigest digest) {
        void discard() {
            keys.close();
        }
    }

    /**
     * The vault without {@code name} at revision {@code at}: this session's records after the
     * others' changes (checked against their digest, as a write on top checks them), each opened
     * and sealed again under a new data key, and the header the others left, re-keyed.
     */
    private Resealed resealWithout(MemberName name, long at, RecordStore.Changes others) {
        requireEpoch(others.header());
        TeamMeta meta = verified(others.header());
        VaultDigest afterOthers = digestAfter(others, NO_BATCH);
        if (afterOthers != null) {
            requireDigest(records, keys, afterOthers, others.digest(), others.revision());
        }
        var current = new java.util.HashMap<ByteBuffer, SealedRecord>(sealed.size() * 4 / 3 + 1);
        for (var record : sealed.entrySet()) {
            current.put(record.getKey(), new SealedRecord(record.getKey().array(), record.getValue()));
        }
        for (byte[] id : others.deletes()) {
            current.remove(ByteBuffer.wrap(id));
        }
        for (SealedRecord put : others.puts()) {
            current.put(ByteBuffer.wrap(put.idBytes()), put);
        }
        TeamMeta.Rekeyed rekeyed = meta.without(name);
        VaultKeys next = rekeyed.keys();
        try {
            var puts = new ArrayList<SealedRecord>(current.size());
            var entries = new TreeMap<String, ListingIndex.Listed>();
            try (var opener = keys.bulk()) {
                for (SealedRecord record : current.values()) {
                    try (Secret secret = opener.unseal(record)) {
                        SealedRecord resealed = next.seal(secret, at);
                        puts.add(resealed);
                        entries.put(
                                secret.path().value(), new ListingIndex.Listed(resealed.idBytes(), secret.summary()));
                    } catch (DamagedFileException damaged) {
                        throw damaged(record.idBytes());
                    }
                }
            }
            VaultDigest after = records.keepsDigest() ? next.digestOf(puts) : null;
            var everything = new RecordStore.Batch(
                    puts, List.of(), true, after == null ? RecordStore.NO_DIGEST : next.sealDigest(after, at));
            return new Resealed(rekeyed.meta().encode(), next, everything, entries, after);
        } catch (RuntimeException failed) {
            next.close();
            throw failed;
        }
    }

    /** {@code header} decoded and verified under this session's keys. */
    private TeamMeta verified(byte[] header) {
        if (!TeamMeta.isTeamHeader(header)) {
            throw records.damaged(RecordStore.Part.HEADER, null);
        }
        try {
            TeamMeta meta = TeamMeta.decode(header);
            meta.verify(keys);
            return meta;
        } catch (DamagedFileException damaged) {
            throw records.damaged(RecordStore.Part.MEMBERS, null);
        }
    }

    /** The error for a record that does not open, as the store names where it is kept. */
    private VaultStoreException damaged(byte[] id) {
        return records.damaged(RecordStore.Part.RECORD, id);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("vault session is closed");
        }
    }
}
