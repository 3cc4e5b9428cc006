package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fold from events to rows is one: over a JSON-lines journal it gives the rows the store keeps for the same run. */
class JournalRowsTest {

    private static Tuner.Builder run() {
        return Tuner.builder()
                .scheduler(new AshaScheduler(new RandomSearcher(QuadraticObjective.SPACE, 11), Metric.minimize("loss"), 1, 9, 3))
                .objective(new QuadraticObjective(0.05)).workers(1).maxTrials(10);
    }

    @Test
    void aJsonLinesJournalFoldsIntoTheRowsTheStoreWrites(@TempDir Path dir) throws Exception {
        List<TrialRow> storedTrials;
        List<ResultRow> storedResults;
        try (Store store = Store.open(dir.toString())) {
            run().log(StoreLog.create(store, "s", "{}", 11), dir.resolve("s/checkpoints"), "s").run();
            long id = store.experiment("s").orElseThrow().id();
            storedTrials = new ArrayList<>(store.trials(id));
            storedResults = store.results(id);
        }
        run().output(dir.resolve("jsonl"), "j").run();

        JournalRows rows = new JournalRows();
        List<ResultRow> results = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("jsonl/j/events.jsonl"))) {
            var e = dev.ladder.core.journal.JournalCodec.decode(line);
            rows.apply(e);
            if (e.event() instanceof dev.ladder.core.journal.JournalEvent.Result r) {
                results.add(JournalRows.result(r));
            }
        }
        storedTrials.sort(Comparator.comparingInt(TrialRow::trialId));
        assertThat(storedTrials).hasSize(10).isEqualTo(rows.trials());
        assertThat(storedTrials).anySatisfy(t -> assertThat(t.checkpoint()).isNotNull());
        assertThat(results).hasSameSizeAs(storedResults);
        for (int i = 0; i < results.size(); i++) { // the seconds differ between the two runs
            ResultRow a = results.get(i);
            ResultRow b = storedResults.get(i);
            assertThat(List.of(a.trialId(), a.resource(), a.metricsJson())).isEqualTo(List.of(b.trialId(), b.resource(), b.metricsJson()));
        }
    }
}
