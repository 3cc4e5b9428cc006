package dev.ladder.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** {@link StoreContract} on an embedded PostgreSQL server started once for the class, a fresh database per test. */
class PostgresStoreTest extends StoreContract {
    private static TestPostgres server;
    private String url;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    @Override
    void openStore() throws Exception {
        url = null;
        super.openStore();
    }

    /** A backend of this test's database waits for a lock (pg_stat_activity). */
    @Override
    void awaitASessionWaitingForALock() throws Exception {
        String db = location().substring(location().lastIndexOf('/') + 1, location().indexOf('?'));
        dev.ladder.core.Await.until("a session of " + db + " to wait for a row lock", () -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.url("postgres"));
                 java.sql.PreparedStatement ps = c.prepareStatement(
                         "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'")) {
                ps.setString(1, db);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    String location() throws Exception {
        if (url == null) {
            url = server.freshDatabase("t" + Long.toHexString(System.nanoTime()));
        }
        return url;
    }
}
