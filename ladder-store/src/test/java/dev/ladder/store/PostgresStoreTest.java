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

    @Override
    String location() throws Exception {
        if (url == null) {
            url = server.freshDatabase("t" + Long.toHexString(System.nanoTime()));
        }
        return url;
    }
}
