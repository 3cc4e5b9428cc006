package dev.ladder.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * A pooled, migrated connection source plus the transaction helpers the store uses. SQLite is
 * opened in WAL mode with {@code synchronous=FULL} (a committed group survives power loss),
 * a 10 s busy timeout, foreign keys on, and {@code BEGIN IMMEDIATE} transactions so that two
 * writers queue on the busy timeout instead of failing on a lock upgrade.
 */
final class Database implements AutoCloseable {
    /**
     * Every PostgreSQL session of Ladder's: Ladder never idles inside a transaction, so one that does lost its client
     * (a network partition) and its row locks must not hold up the others longer than 10 s; and the server probes
     * an idle client after 10 s, every 5 s, ending the session after 3 unanswered probes (or after 25 s of
     * unacknowledged data), so that a client whose machine vanished (power, network: no FIN) frees its locks, its
     * tuner lock included, and stops holding back the notification queue within about 25 s, not the system's 2 hours.
     */
    static final String PG_SESSION = "SET idle_in_transaction_session_timeout = 10000; SET tcp_keepalives_idle = 10;"
            + " SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 25000";

    /** Work done on a connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    final Dialect dialect;
    final String url;
    private final HikariDataSource pool;

    /** A connection of its own to PostgreSQL at {@code url} (not from the pool), with {@link #PG_SESSION}'s settings. */
    static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute(PG_SESSION);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private Database(String url) {
        QuietLogging.apply();
        this.url = url;
        this.dialect = Dialect.of(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("ladder-store");
        cfg.setAutoCommit(true);
        if (dialect == Dialect.SQLITE) {
            cfg.setMaximumPoolSize(4);
            cfg.addDataSourceProperty("journal_mode", "WAL");
            // FULL: a commit survives a power cut; NORMAL (opt-in) only a process crash, at ~1.8x the commits/s
            cfg.addDataSourceProperty("synchronous", System.getProperty("ladder.sqlite.synchronous", "FULL"));
            cfg.addDataSourceProperty("busy_timeout", "10000");
            cfg.addDataSourceProperty("foreign_keys", "true");
            cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            // most processes need one or two connections at a time (a worker: one, plus its listener's own); idle
            // ones are let go, so that hundreds of workers stay within the server's max_connections
            cfg.setMaximumPoolSize(Integer.getInteger("ladder.store.connections", 8));
            cfg.setMinimumIdle(1);
            cfg.setConnectionInitSql(PG_SESSION);
            // a server that is down costs one attempt this long; StoreRetry waits for it to come back
            cfg.setConnectionTimeout(5_000);
        }
        try {
            this.pool = new HikariDataSource(cfg);
        } catch (RuntimeException e) { // e.g. the server is down or refuses the login: name the store, not its password
            throw new StoreException("cannot open store " + StoreLocation.masked(url) + ": "
                    + StoreLocation.masked(String.valueOf(e.getMessage())), e);
        }
    }

    /** Opens the database named by a JDBC URL or a path (see {@link Store#open}) and migrates it. */
    static Database open(String jdbcUrlOrPath) {
        Database db = new Database(toUrl(jdbcUrlOrPath));
        try {
            Flyway flyway = Flyway.configure().loggers(MigrationLog.class.getName())
                    .dataSource(db.pool).locations("classpath:db/migration")
                    .placeholders(java.util.Map.of("id_column", db.dialect.idColumn)).load();
            refuseNewer(flyway, db.url);
            flyway.migrate();
        } catch (IllegalStateException e) {
            db.close();
            throw e;
        } catch (RuntimeException e) {
            db.close();
            throw new IllegalStateException("cannot migrate store " + StoreLocation.masked(db.url) + ": "
                    + StoreLocation.masked(StoreFaults.cause(e)), e);
        }
        return db;
    }

    /** A store written by a newer Ladder (a schema version this one does not know) is refused with one clear message. */
    private static void refuseNewer(Flyway flyway, String url) {
        String known = "0";
        String newest = null;
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                newest = m.getVersion().getVersion();
            } else if (m.getVersion() != null) {
                known = m.getVersion().getVersion();
            }
        }
        if (newest != null) {
            throw new IllegalStateException("store " + StoreLocation.masked(url) + " has schema version " + newest
                    + ", written by a newer Ladder (this one knows up to version " + known + "): upgrade Ladder on this"
                    + " machine to use it");
        }
    }

    static String toUrl(String jdbcUrlOrPath) {
        if (jdbcUrlOrPath.startsWith("jdbc:")) {
            return jdbcUrlOrPath;
        }
        Path file = StoreLocation.sqliteFile(jdbcUrlOrPath).orElseThrow();
        NetworkMounts.of(file.toAbsolutePath().getParent()).ifPresent(mount -> {
            throw new IllegalArgumentException("store " + file + " is on a network file system (" + mount + "): SQLite's"
                    + " locks do not hold there, and processes on several machines would corrupt it. Use PostgreSQL to share"
                    + " experiments between machines (--storage jdbc:postgresql://HOST/DB?user=U), or keep the SQLite store on"
                    + " a local disk (--out)");
        });
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder for " + file, e);
        }
        return "jdbc:sqlite:" + file;
    }

    /** Runs work with auto-commit (single statements and reads). */
    <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(StoreFaults.cause(e), e);
        }
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    <T> T write(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                c.setAutoCommit(true);
                return out;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                } catch (SQLException lost) {
                    e.addSuppressed(lost); // a dead connection (the pool evicts it): the first error says why
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(StoreFaults.cause(e), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
