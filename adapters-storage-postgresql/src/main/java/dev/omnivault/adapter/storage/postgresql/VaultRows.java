package dev.omnivault.adapter.storage.postgresql;

import dev.omnivault.adapter.seal.RecordStore;
import dev.omnivault.adapter.seal.RecordStore.Changes;
import dev.omnivault.adapter.seal.SealedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of a vault's rows, inside a transaction its store began: the revision, the records put
 * and deleted (each marked with the revision that changed it), the changes since a revision, and
 * the notification the listening daemons hear at commit.
 */
final class VaultRows {

    private final String vault;
    private final String records;
    private final String deletions;
    private final String channel;

    VaultRows(String schema) {
        this.vault = schema + ".vault";
        this.records = schema + ".records";
        this.deletions = schema + ".deletions";
        this.channel = "omnivault_" + schema;
    }

    String vault() {
        return vault;
    }

    String records() {
        return records;
    }

    String deletions() {
        return deletions;
    }

    String channel() {
        return channel;
    }

    /** The records put and the ids deleted after {@code since}, up to {@code revision}. */
    Changes changes(Connection connection, long since, long revision) throws SQLException {
        var puts = new ArrayList<SealedRecord>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT id, sealed, revision FROM " + records + " WHERE revision > ?")) {
            query.setLong(1, since);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    puts.add(new SealedRecord(rows.getBytes(1), rows.getBytes(2), rows.getLong(3)));
                }
            }
        }
        var deleted = new ArrayList<byte[]>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT id FROM " + deletions + " WHERE revision > ?")) {
            query.setLong(1, since);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    deleted.add(rows.getBytes(1));
                }
            }
        }
        return new Changes(revision, puts, deleted, digest(connection), header(connection));
    }

    /** The header, as this transaction sees it (read with the records, a reader learns of a re-keying). */
    byte[] header(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT header FROM " + vault + " WHERE id = 1");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getBytes(1) : RecordStore.NO_HEADER;
        }
    }

    /** The digest kept with the vault's revision (none for a vault written before digests, or one it was taken from). */
    byte[] digest(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT digest FROM " + vault + " WHERE id = 1");
                ResultSet row = query.executeQuery()) {
            byte[] digest = row.next() ? row.getBytes(1) : null;
            return digest == null ? RecordStore.NO_DIGEST : digest;
        }
    }

    /** Keeps {@code digest} with the revision this transaction makes. */
    void keepDigest(Connection connection, byte[] digest) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE " + vault + " SET digest = ? WHERE id = 1")) {
            update.setBytes(1, digest.length == 0 ? null : digest);
            update.executeUpdate();
        }
    }

    /**
     * Applies {@code batch}, one put or one delete, if the vault is at {@code expectedRevision}, as
     * one statement in autocommit (its data-changing parts happen together or not at all), and
     * returns the revision it made; empty, with nothing changed, when the vault moved on.
     */
    java.util.OptionalLong applyOne(Connection connection, long expectedRevision, RecordStore.Batch batch)
            throws SQLException {
        boolean put = batch.puts().size() == 1;
        String advance = "WITH advanced AS (UPDATE " + vault
                + " SET revision = revision + 1, digest = ? WHERE id = 1 AND revision = ? RETURNING revision)";
        String change = put
                ? ", stored AS (INSERT INTO " + records + " (id, sealed, revision) SELECT ?, ?, revision FROM advanced"
                        + " ON CONFLICT (id) DO UPDATE SET sealed = EXCLUDED.sealed, revision = EXCLUDED.revision)"
                        + ", undeleted AS (DELETE FROM " + deletions
                        + " WHERE id = ? AND EXISTS (SELECT 1 FROM advanced))"
                : ", removed AS (DELETE FROM " + records + " WHERE id = ? AND EXISTS (SELECT 1 FROM advanced))"
                        + ", noted AS (INSERT INTO " + deletions + " (id, revision) SELECT ?, revision FROM advanced"
                        + " ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision)";
        try (PreparedStatement statement = connection.prepareStatement(
                advance + change + " SELECT revision, pg_notify(?, revision::text) FROM advanced")) {
            int at = 1;
            statement.setBytes(at++, batch.digest().length == 0 ? null : batch.digest());
            statement.setLong(at++, expectedRevision);
            if (put) {
                SealedRecord record = batch.puts().getFirst();
                statement.setBytes(at++, record.id());
                statement.setBytes(at++, record.sealed());
                statement.setBytes(at++, record.id());
            } else {
                byte[] id = batch.deletes().getFirst();
                statement.setBytes(at++, id);
                statement.setBytes(at++, id);
            }
            statement.setString(at, channel);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? java.util.OptionalLong.of(row.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    /** Every daemon listening on this vault hears of {@code revision} when the transaction commits. */
    void notifyListeners(Connection connection, long revision) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, Long.toString(revision));
            notify.execute();
        }
    }

    Optional<Long> revision(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT revision FROM " + vault + " WHERE id = 1");
                ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
        }
    }

    /** Deletes the records of {@code ids} and notes each deletion at {@code revision}. */
    void delete(Connection connection, List<byte[]> ids, long revision) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + records + " WHERE id = ?");
                PreparedStatement note = connection.prepareStatement(
                        "INSERT INTO " + deletions
                                + " (id, revision) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision")) {
            for (byte[] id : ids) {
                delete.setBytes(1, id);
                delete.addBatch();
                note.setBytes(1, id);
                note.setLong(2, revision);
                note.addBatch();
            }
            delete.executeBatch();
            note.executeBatch();
        }
    }

    /** Inserts or replaces {@code puts}, marked with {@code revision}. */
    void put(Connection connection, List<SealedRecord> puts, long revision) throws SQLException {
        if (puts.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + records
                + " (id, sealed, revision) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET sealed = EXCLUDED.sealed, revision = EXCLUDED.revision")) {
            for (SealedRecord record : puts) {
                upsert.setBytes(1, record.id());
                upsert.setBytes(2, record.sealed());
                upsert.setLong(3, revision);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        try (PreparedStatement undelete = connection.prepareStatement("DELETE FROM " + deletions + " WHERE id = ?")) {
            for (SealedRecord record : puts) {
                undelete.setBytes(1, record.id());
                undelete.addBatch();
            }
            undelete.executeBatch();
        }
    }
}
