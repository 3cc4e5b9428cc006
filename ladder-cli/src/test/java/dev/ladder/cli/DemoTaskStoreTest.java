package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTaskStoreTest {

    @Test
    void demoWithRushGrowsTheTaskStore(@TempDir Path out) throws Exception {
        Path store = out.resolve("tasks.json");
        for (String seed : new String[] {"1", "2"}) {
            DemoCommandTest.Run r = DemoCommandTest.ladder("demo", "--scheduler", "rush", "--task-store", store.toString(),
                    "--max-trials", "20", "--min-resource", "1", "--max-resource", "9", "--seed", seed,
                    "--out", out.toString(), "--name", "t" + seed);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Task store " + store);
        }
        assertThat(Files.readString(store)).contains("\"name\" : \"t1\"").contains("\"name\" : \"t2\"");
    }
}
