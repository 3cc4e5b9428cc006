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
    void dbFilePathIsUsedAsIs() {
        assertThat(Database.toUrl(dir.resolve("x.db").toString())).isEqualTo("jdbc:sqlite:" + dir.resolve("x.db"));
    }
}
