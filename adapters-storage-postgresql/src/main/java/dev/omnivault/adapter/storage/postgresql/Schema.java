package dev.omnivault.adapter.storage.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The vault's tables, in a schema of their own and at a version recorded beside them: created on
 * first use, migrated forward by the steps below (each in the transaction that records it), under
 * a transaction-scoped advisory lock so that two daemons starting at once do it once.
 */
final class Schema {

    /** Each step takes the schema from the version before it to its own (index + 1). */
    private static final List<String> STEPS = List.of(
            // 1: the header row (one per schema: the vault) with its revision, and the records
            """
            CREATE TABLE %1$s.vault (
                id smallint PRIMARY KEY CHECK (id = 1),
                header bytea NOT NULL,
                revision bigint NOT NULL CHECK (revision > 0));
            CREATE TABLE %1$s.records (
                id bytea PRIMARY KEY,
                sealed bytea NOT NULL,
                revision bigint NOT NULL);
            """,
            // 2: the ids deleted, and at which revision, so a daemon catches up on changes since its own
            """
            CREATE TABLE %1$s.deletions (
                id bytea PRIMARY KEY,
                revision bigint NOT NULL);
            CREATE INDEX records_by_revision ON %1$s.records (revision);
            CREATE INDEX deletions_by_revision ON %1$s.deletions (revision);
            """,
            // 3: the vault's digest, sealed for its revision by the daemon that wrote it (what the records add up to)
            """
            ALTER TABLE %1$s.vault ADD COLUMN digest bytea;
            """);

    static final int VERSION = STEPS.size();

    private Schema() {}

    /** Brings the schema {@code schema} to {@link #VERSION}; refuses one that a newer OmniVault wrote. */
    static void ensure(Connection connection, String schema) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // one lock per schema name, held to the end of this transaction
            statement.execute("SELECT pg_advisory_xact_lock(hashtext('omnivault:" + schema + "'))");
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            statement.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version (version integer NOT NULL)");
            int current = 0;
            try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM " + schema + ".schema_version")) {
                if (rows.next()) {
                    current = rows.getInt(1);
                }
            }
            if (current > VERSION) {
                throw new SQLException(
                        "the vault's tables in schema " + schema + " are at version " + current
                                + ", newer than this OmniVault knows (" + VERSION + "); upgrade OmniVault",
                        "OV001");
            }
            for (int step = current; step < VERSION; step++) {
                statement.execute(STEPS.get(step).formatted(schema));
                statement.execute("INSERT INTO " + schema + ".schema_version (version) VALUES (" + (step + 1) + ")");
            }
            connection.commit();
        } catch (SQLException failed) {
            connection.rollback();
            throw failed;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
