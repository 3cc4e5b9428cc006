package dev.ladder.benchmarks.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableReportsBenchTest {
    @TempDir
    Path dir;

    @Test
    void everyJournalRecordsExactlyTheReportsItCountsAndOneWorkerMakesTheSameRunEachTime() throws Exception {
        DurableReportsBench.Run none = DurableReportsBench.run("none", 40, 7, dir, null, 0);
        DurableReportsBench.Run jsonl = DurableReportsBench.run("jsonl", 40, 7, dir, null, 0);
        DurableReportsBench.Run sqlite = DurableReportsBench.run("sqlite", 40, 7, dir, null, 0);

        // asha-stopping stops most trials at rung 1 or 3: more than one report per trial, far fewer than 27
        assertThat(none.reports()).isBetween(41L, 40L * 10);
        assertThat(jsonl.reports()).isEqualTo(none.reports());
        assertThat(sqlite.reports()).isEqualTo(none.reports());
        assertThat(resultLines(only(dir, "issue14-jsonl-").resolve("events.jsonl"))).isEqualTo(jsonl.reports());
        try (Store store = Store.open(only(dir, "issue14-sqlite-").resolve("ladder.db").toString())) {
            long id = store.experiments().get(0).id();
            assertThat((long) store.results(id).size()).isEqualTo(sqlite.reports());
        }
        assertThat(sqlite.json()).startsWith("{\"side\": \"ladder\", \"journal\": \"sqlite\", \"trials\": 40, \"reports\": "
                + sqlite.reports() + ",");
    }

    @Test
    void theValueIsTheIssuesFormula() {
        assertThat(ReportsWorkload.value(0.3, 0.7, 1)).isEqualTo(0.5);
        assertThat(ReportsWorkload.value(0.0, 0.0, 3)).isCloseTo(0.09 + 0.49 + 0.25, org.assertj.core.data.Offset.offset(1e-12));
    }

    private static Path only(Path dir, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).reduce((a, b) -> {
                throw new AssertionError("two folders start with " + prefix);
            }).orElseThrow();
        }
    }

    private static long resultLines(Path events) throws Exception {
        try (Stream<String> lines = Files.lines(events)) {
            return lines.filter(l -> l.contains("\"type\":\"result\"")).count();
        }
    }
}
