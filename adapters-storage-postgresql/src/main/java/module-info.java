import org.jspecify.annotations.NullMarked;

/**
 * A team vault in PostgreSQL: the sealing layer's record store over JDBC (the PostgreSQL driver,
 * a small HikariCP pool, no ORM). The database holds the opaque header and sealed records under
 * opaque ids, never a key, a path or a value.
 */
@NullMarked
@SuppressWarnings("module") // bootstrap is not on the path when this module compiles
module dev.omnivault.adapter.storage.postgresql {
    requires dev.omnivault.application;
    requires dev.omnivault.adapter.seal;
    requires java.sql;
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;
    requires static org.jspecify;

    exports dev.omnivault.adapter.storage.postgresql to
            dev.omnivault.bootstrap;
}
