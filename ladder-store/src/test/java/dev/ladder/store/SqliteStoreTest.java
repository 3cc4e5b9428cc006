package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoreContract} on a temporary SQLite file, plus the path conventions of {@link Store#open}. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    String location() {
        return dir.resolve("ladder-runs").toString();
    }

    @Test
    void folderMeansLadderDbInWalMode() throws Exception {
        assertThat(store.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("ladder-runs/ladder.db"));
        store.append(store.createExperiment("e", "{}", 1), events(1, 1));
        assertThat(Files.exists(dir.resolve("ladder-runs/ladder.db-wal"))).isTrue();
    }

    @Test
    void aStoreWrittenBeforeLeaseEpochsIsMigratedAndItsJournalContinued() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("v1.db");
        org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(java.util.Map.of("id_column", Dialect.SQLITE.idColumn)).target("1").load().migrate();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO experiments (name, spec, seed, status, created_at) VALUES ('old', '{}', 1, 'PAUSED', 0)");
            s.execute("INSERT INTO events (experiment_id, seq, type, body) VALUES (1, 1, 'report', '{\"seq\":1}')");
        }
        try (JdbcStore v2 = JdbcStore.open(url, SHORT_LEASE)) {
            try (StoreLog log = StoreLog.open(v2, "old", java.time.Duration.ofHours(1))) {
                log.commit(java.util.stream.LongStream.rangeClosed(2, 5).mapToObj(seq -> new dev.ladder.core.journal.JournalEntry(
                        seq, null, new dev.ladder.core.journal.JournalEvent.Idle(0, true))).toList());
            }
            assertThat(v2.lastSeq(1)).isEqualTo(5);
            assertThat(v2.acquire("old", "1@h").epoch()).isEqualTo(2); // 0 before V2, 1 for the log above
        }
    }

    @Test
    void dbFilePathIsUsedAsIs() {
        assertThat(Database.toUrl(dir.resolve("x.db").toString())).isEqualTo("jdbc:sqlite:" + dir.resolve("x.db"));
    }
}
