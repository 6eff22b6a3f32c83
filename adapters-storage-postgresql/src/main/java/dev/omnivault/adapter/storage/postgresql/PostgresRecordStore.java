package dev.omnivault.adapter.storage.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.omnivault.adapter.seal.Authenticator;
import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.SealedRecord;
import dev.omnivault.adapter.seal.StaleRevisionException;
import dev.omnivault.application.port.out.VaultStoreException;
import dev.omnivault.domain.VaultAlreadyExistsException;
import dev.omnivault.domain.VaultNotInitialisedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The record store of a team vault in PostgreSQL: one row for the header and the revision, one
 * row per sealed record under its opaque id. Every change is one transaction; the check-and-set
 * is the {@code WHERE revision = ?} of the update that advances the revision, whose row lock
 * orders concurrent writers (several daemons on several machines): the one that lost finds the
 * revision moved and applies nothing. A load reads the revision and the records in one
 * repeatable-read snapshot. The database sees ciphertext only.
 */
public final class PostgresRecordStore implements RecordStore {

    private final HikariDataSource pool;
    /** The pool's source, for the watch's own connection (LISTEN holds a connection for good). */
    private final PGSimpleDataSource source;

    private final String location;
    /** The newest revision this store wrote: a notification of it or of an older one is nothing new. */
    private volatile long written;

    private volatile boolean closed;
    private volatile @Nullable PostgresWatch watching;
    /** The highest revision this daemon has seen, kept locally; none for a store without local state (tests). */
    private final @Nullable RevisionFloor floor;

    private final VaultRows rows;
    private final String vault;
    private final String records;

    private PostgresRecordStore(
            HikariDataSource pool, PGSimpleDataSource source, PostgresLocation where, @Nullable Path stateDirectory) {
        this.floor = stateDirectory == null ? null : new RevisionFloor(stateDirectory, where.toString());
        this.pool = pool;
        this.source = source;
        this.location = where.toString();
        this.vault = where.schema() + ".vault";
        this.records = where.schema() + ".records";
        this.rows = new VaultRows(where.schema());
    }

    /**
     * Connects to the vault at {@code where} (a small pool), creating or migrating its tables.
     *
     * @throws VaultStoreException ({@code IO_FAILURE}) when the database cannot be reached or set up
     */
    public static PostgresRecordStore open(PostgresLocation where) {
        return open(where, null);
    }

    /**
     * {@link #open(PostgresLocation)}, keeping the highest revision seen in {@code stateDirectory}
     * (the daemon's own): a database rolled back or restored from an older backup is then refused.
     */
    public static PostgresRecordStore open(PostgresLocation where, @Nullable Path stateDirectory) {
        var source = new PGSimpleDataSource();
        source.setServerNames(new String[] {where.host()});
        source.setPortNumbers(new int[] {where.port()});
        source.setDatabaseName(where.database());
        source.setUser(where.user());
        char @Nullable [] password = where.password();
        if (password != null) {
            source.setPassword(new String(password)); // JDBC takes a String; this is the database's, not the vault's
            Arrays.fill(password, '\0');
        }
        source.setApplicationName("omnivault");
        try {
            for (var parameter : where.driverParameters().entrySet()) {
                source.setProperty(parameter.getKey(), parameter.getValue());
            }
        } catch (SQLException unknown) {
            throw new VaultStoreException(
                    VaultStoreException.Kind.IO_FAILURE,
                    "the PostgreSQL address has an unknown parameter (" + unknown.getMessage() + ")");
        }
        var config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("omnivault-postgresql");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1); // a database down at start is reported by the first use
        var pool = new HikariDataSource(config);
        var store = new PostgresRecordStore(pool, source, where, stateDirectory);
        try (Connection connection = pool.getConnection()) {
            Schema.ensure(connection, where.schema());
        } catch (SQLException failed) {
            pool.close();
            throw store.unreachable("set up its tables", failed);
        }
        return store;
    }

    @Override
    public Optional<byte[]> header() {
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT header FROM " + vault + " WHERE id = 1");
                ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
        } catch (SQLException failed) {
            throw unreachable("read the header", failed);
        }
    }

    @Override
    public long create(byte[] header, List<SealedRecord> initial, Authenticator authenticator) {
        return create(header, Batch.bulk(initial), authenticator);
    }

    /** Several daemons of several members share the vault; see {@link RecordStore#keepsTeam}. */
    @Override
    public boolean keepsTeam() {
        return true;
    }

    /**
     * One transaction, queued behind other writers on the vault's row lock (which also holds off a
     * header change): the others' changes and the header read, the re-keyed vault made for the next
     * revision, every old record noted deleted and removed, the new ones inserted, the new header
     * and digest kept, NOTIFY.
     */
    @Override
    public long rekey(long expectedRevision, Rekeying rekeying, Authenticator authenticator) {
        try (Connection connection = transaction()) {
            try {
                long next = advanceUnderLock(connection);
                creating(authenticator, next);
                Changes others = rows.changes(connection, expectedRevision, next - 1);
                Rekeyed rekeyed = rekeying.at(next, others);
                try (PreparedStatement header =
                                connection.prepareStatement("UPDATE " + vault + " SET header = ? WHERE id = 1");
                        PreparedStatement noteAll = connection.prepareStatement("INSERT INTO " + rows.deletions()
                                + " (id, revision) SELECT id, ? FROM " + records
                                + " ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision");
                        PreparedStatement removeAll = connection.prepareStatement("DELETE FROM " + records)) {
                    header.setBytes(1, rekeyed.header());
                    header.executeUpdate();
                    noteAll.setLong(1, next);
                    noteAll.executeUpdate();
                    removeAll.executeUpdate(); // no record of the old key stays
                }
                Batch everything = rekeyed.everything();
                writeAndCommit(
                        connection,
                        new Batch(everything.puts(), List.of(), true, everything.digest()),
                        next,
                        authenticator);
                return next;
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw unreachable("re-key the vault; nothing was changed", failed);
        }
    }

    /** The digest is kept with every revision, sealed by the daemon that wrote it; see {@link RecordStore#keepsDigest}. */
    @Override
    public boolean keepsDigest() {
        return true;
    }

    @Override
    public long create(byte[] header, Batch first, Authenticator authenticator) {
        List<SealedRecord> initial = first.puts();
        try (Connection connection = transaction()) {
            try {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + vault
                        + " (id, header, revision, digest) VALUES (1, ?, 1, ?) ON CONFLICT DO NOTHING")) {
                    insert.setBytes(1, header);
                    insert.setBytes(2, first.digest().length == 0 ? null : first.digest());
                    if (insert.executeUpdate() == 0) {
                        connection.rollback();
                        throw new VaultAlreadyExistsException();
                    }
                }
                for (String table : List.of(records, rows.deletions())) {
                    try (PreparedStatement clear = connection.prepareStatement("DELETE FROM " + table)) {
                        clear.executeUpdate(); // rows no vault owns any more
                    }
                }
                rows.put(connection, initial, 1);
                connection.commit();
                return 1;
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw unreachable("create the vault", failed);
        }
    }

    @Override
    public Snapshot load(Authenticator authenticator) {
        return inSnapshot("read the vault", connection -> {
            long revision = rows.revision(connection).orElseThrow(VaultNotInitialisedException::new);
            byte[] digest = rows.digest(connection);
            byte[] header = rows.header(connection);
            var all = new ArrayList<SealedRecord>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id, sealed, revision FROM " + records);
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    all.add(new SealedRecord(rows.getBytes(1), rows.getBytes(2), rows.getLong(3)));
                }
            }
            observed(authenticator, revision);
            return new Snapshot(revision, all, digest, header);
        });
    }

    @Override
    public long apply(long expectedRevision, Batch batch, Authenticator authenticator) {
        if (!batch.bulk() && batch.size() == 1) {
            return applyOne(expectedRevision, batch, authenticator);
        }
        try (Connection connection = transaction()) {
            try {
                long next;
                try (PreparedStatement advance = connection.prepareStatement("UPDATE " + vault
                        + " SET revision = revision + 1 WHERE id = 1 AND revision = ? RETURNING revision")) {
                    advance.setLong(1, expectedRevision);
                    try (ResultSet row = advance.executeQuery()) {
                        if (!row.next()) {
                            long actual = rows.revision(connection).orElseThrow(VaultNotInitialisedException::new);
                            throw new StaleRevisionException(expectedRevision, actual);
                        }
                        next = row.getLong(1);
                    }
                }
                creating(authenticator, next);
                writeAndCommit(connection, batch, next, authenticator);
                return next;
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw unreachable("write to the vault; nothing was changed", failed);
        }
    }

    /**
     * A change of one record (what almost every write is) as one statement, so one round trip
     * that commits by itself: the same check-and-set, the record, the deletions noted and the
     * NOTIFY, all or nothing ({@link VaultRows#applyOne}).
     */
    private long applyOne(long expectedRevision, Batch batch, Authenticator authenticator) {
        creating(authenticator, expectedRevision + 1);
        try (Connection connection = pool.getConnection()) {
            var landed = rows.applyOne(connection, expectedRevision, batch);
            if (landed.isEmpty()) {
                long actual = rows.revision(connection).orElseThrow(VaultNotInitialisedException::new);
                throw new StaleRevisionException(expectedRevision, actual);
            }
            committed(authenticator, landed.getAsLong());
            return landed.getAsLong();
        } catch (SQLException failed) {
            throw unreachable("write to the vault; nothing was changed", failed);
        }
    }

    /** The records put and the ids deleted since {@code since}, read in one snapshot with the revision. */
    @Override
    public Optional<Changes> changesSince(long since, Authenticator authenticator) {
        return Optional.of(inSnapshot("read the changes since revision " + since, connection -> {
            long revision = rows.revision(connection).orElseThrow(VaultNotInitialisedException::new);
            observed(authenticator, revision);
            return rows.changes(connection, since, revision);
        }));
    }

    /**
     * Takes the vault's row lock first (so concurrent writers queue instead of failing), reads what
     * the writers before it committed since {@code expectedRevision}, then applies {@code batch} at
     * the next revision: one transaction, last writer wins in commit order.
     */
    @Override
    public Optional<Applied> applyOnTop(long expectedRevision, Sealing sealing, Authenticator authenticator) {
        try (Connection connection = transaction()) {
            try {
                long next = advanceUnderLock(connection);
                creating(authenticator, next); // before anything is written over a rolled-back vault
                // read committed: these see every change committed before this writer got the lock
                Changes others = rows.changes(connection, expectedRevision, next - 1);
                Batch batch = sealing.at(next, others); // may refuse (a conflict): rolled back below
                writeAndCommit(connection, batch, next, authenticator);
                return Optional.of(new Applied(next, others));
            } catch (SQLException | RuntimeException failed) {
                connection.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw unreachable("write to the vault; nothing was changed", failed);
        }
    }

    /**
     * Advances the vault's revision whatever it is, taking the vault row's lock to the end of the
     * transaction (concurrent writers queue here), and returns the revision this transaction makes.
     */
    private long advanceUnderLock(Connection connection) throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(
                        "UPDATE " + vault + " SET revision = revision + 1 WHERE id = 1 RETURNING revision");
                ResultSet row = advance.executeQuery()) {
            if (!row.next()) {
                throw new VaultNotInitialisedException();
            }
            return row.getLong(1);
        }
    }

    /** Writes {@code batch} as revision {@code next} (its digest, records, deletions, NOTIFY) and commits. */
    private void writeAndCommit(Connection connection, Batch batch, long next, Authenticator authenticator)
            throws SQLException {
        rows.keepDigest(connection, batch.digest());
        rows.put(connection, batch.puts(), next);
        rows.delete(connection, batch.deletes(), next);
        rows.notifyListeners(connection, next);
        connection.commit();
        committed(authenticator, next);
    }

    /** Checks {@code revision} against the highest this daemon has seen, and raises that. */
    private void observed(Authenticator authenticator, long revision) {
        if (floor != null) {
            floor.saw(authenticator.vaultId(), revision);
        }
    }

    /** Notes {@code revision}, which this store's write committed: its NOTIFY is nothing new, and the floor rises. */
    private void committed(Authenticator authenticator, long revision) {
        written = Math.max(written, revision);
        if (floor != null) {
            floor.wrote(authenticator.vaultId(), revision);
        }
    }

    /** Checks {@code revision}, which a write is about to create, against the highest seen (raising nothing yet). */
    private void creating(Authenticator authenticator, long revision) {
        if (floor != null) {
            floor.writing(authenticator.vaultId(), revision);
        }
    }

    /** What a read inside a transaction makes of the database. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(Connection connection) throws SQLException;
    }

    /** {@code reading}, in one repeatable-read, read-only snapshot. */
    private <T> T inSnapshot(String what, Reading<T> reading) {
        try (Connection connection = transaction()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                T result = reading.read(connection);
                connection.commit();
                return result;
            } finally {
                connection.rollback();
            }
        } catch (SQLException failed) {
            throw unreachable(what, failed);
        }
    }

    @Override
    public boolean replaceHeader(byte[] expected, byte[] replacement) {
        try (Connection connection = pool.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + vault + " SET header = ? WHERE id = 1 AND header = ?")) {
            update.setBytes(1, replacement);
            update.setBytes(2, expected);
            return update.executeUpdate() == 1;
        } catch (SQLException failed) {
            throw unreachable("replace the header; the old passphrase still works", failed);
        }
    }

    @Override
    public VaultStoreException damaged(Part part, byte @Nullable [] id) {
        if (part == Part.MEMBERS) {
            return new VaultStoreException(
                    VaultStoreException.Kind.CORRUPTED,
                    "the vault's member list in " + vault + ".header at " + location
                            + " was changed by someone without the vault's key (a member added, removed or put"
                            + " back): the database was tampered with");
        }
        if (part == Part.DIGEST) {
            return new VaultStoreException(
                    VaultStoreException.Kind.CORRUPTED,
                    "the vault's records in " + records + " at " + location
                            + " are not the ones its members wrote (a row was put back to an older version, removed,"
                            + " or added, or " + vault + ".digest was changed): the database was tampered with");
        }
        String where = part == Part.HEADER ? vault : records;
        return new VaultStoreException(
                VaultStoreException.Kind.CORRUPTED,
                "the vault's " + (part == Part.HEADER ? "header" : "record") + " in " + where + " at " + location
                        + " is damaged or was tampered with");
    }

    @Override
    public String location() {
        return location;
    }

    /** See {@link PostgresWatch}. */
    @Override
    public void watch(Runnable onChange) {
        var started = new PostgresWatch(source, rows.channel(), () -> written, onChange);
        watching = started;
        started.start();
        if (closed) {
            started.close();
        }
    }

    /** Waits until the revision floor's file holds every revision seen so far (for tests that restart a daemon). */
    void flushFloor() {
        if (floor != null) {
            floor.flush();
        }
    }

    @Override
    public void close() {
        if (floor != null) {
            floor.close();
        }
        closed = true;
        PostgresWatch started = watching;
        if (started != null) {
            started.close();
        }
        pool.close();
    }

    private Connection transaction() throws SQLException {
        Connection connection = pool.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    /** A database that cannot be reached or refuses: what was being done, where, and the server's reason. */
    private VaultStoreException unreachable(String what, SQLException failed) {
        // the pool's "connection is not available" wraps the driver's reason (refused, no such database, …)
        SQLException cause = failed;
        while (cause.getCause() instanceof SQLException deeper) {
            cause = deeper;
        }
        String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "…";
        }
        return new VaultStoreException(
                VaultStoreException.Kind.IO_FAILURE,
                "could not " + what + " in the PostgreSQL vault at " + location + ": " + reason
                        + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")"),
                failed);
    }
}
