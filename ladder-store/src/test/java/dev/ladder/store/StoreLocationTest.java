package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {

    @Test
    void passwordsAreMaskedInEveryFormAUrlCarriesThem() {
        assertThat(StoreLocation.masked("jdbc:postgresql://db:5432/ladder?user=u&password=hunter2"))
                .isEqualTo("jdbc:postgresql://db:5432/ladder?user=u&password=***");
        assertThat(StoreLocation.masked("jdbc:postgresql://db/ladder?password=hunter2&user=u&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/ladder?password=***&user=u&ssl=true");
        assertThat(StoreLocation.masked("jdbc:postgresql://u:hunter2@db:5432/ladder"))
                .isEqualTo("jdbc:postgresql://u:***@db:5432/ladder");
        assertThat(StoreLocation.masked("jdbc:sqlserver://db;user=u;Password=hunter2;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=u;Password=***;encrypt=true");
        assertThat(StoreLocation.masked("cannot reach jdbc:mysql://db/x?pwd=hunter2 (refused)"))
                .isEqualTo("cannot reach jdbc:mysql://db/x?pwd=*** (refused)");
        assertThat(StoreLocation.masked("cannot open store jdbc:postgresql://db/x?password=hunter2: refused"))
                .isEqualTo("cannot open store jdbc:postgresql://db/x?password=***: refused");
        assertThat(StoreLocation.masked(StoreLocation.masked("jdbc:postgresql://db/x?password=a:b;c")))
                .isEqualTo("jdbc:postgresql://db/x?password=***;c");
        assertThat(StoreLocation.masked("ladder-runs/ladder.db")).isEqualTo("ladder-runs/ladder.db");
        assertThat(StoreLocation.masked("jdbc:postgresql://db:5432/ladder?user=u")).isEqualTo("jdbc:postgresql://db:5432/ladder?user=u");
    }

    @Test
    void aStoreThatCannotBeOpenedIsNamedWithoutItsPassword() {
        String url = "jdbc:postgresql://localhost:1/ladder?user=u&password=hunter2"; // nothing listens on port 1
        assertThatThrownBy(() -> JdbcStore.open(url)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open store jdbc:postgresql://localhost:1/ladder?user=u&password=***: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theSqliteFileIsFoundWithoutCreatingAnything(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        assertThat(StoreLocation.sqliteFile(missing.toString())).contains(missing.resolve("ladder.db"));
        assertThat(StoreLocation.sqliteFile(dir.toString())).contains(dir.resolve("ladder.db"));
        assertThat(StoreLocation.sqliteFile(dir.resolve("x.db").toString())).contains(dir.resolve("x.db"));
        assertThat(StoreLocation.sqliteFile("jdbc:sqlite:" + dir.resolve("y.db") + "?journal_mode=WAL")).contains(dir.resolve("y.db"));
        assertThat(StoreLocation.sqliteFile("jdbc:sqlite::memory:")).isEmpty();
        assertThat(StoreLocation.sqliteFile("jdbc:postgresql://db/ladder")).isEmpty();
        assertThat(missing).doesNotExist();
        assertThat(Files.exists(dir.resolve("ladder.db"))).isFalse();
    }
}
