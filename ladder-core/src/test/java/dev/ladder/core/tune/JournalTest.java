package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The journal's writer encodes the events while it keeps up and the loop encodes them once it fell
 * behind: whoever encodes, every commit holds exactly its events' lines, in order, each once.
 */
class JournalTest {

    /** A log that keeps what it is given and holds its first commit until released. */
    private static final class Recording implements EventLog {
        final List<JournalEntry> entries = new ArrayList<>();
        final List<byte[]> lines = new ArrayList<>();
        final List<byte[]> expected = new ArrayList<>();
        final CountDownLatch firstCommit = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public long read(Consumer<JournalEntry> action) {
            return 0;
        }

        @Override
        public void commit(JournalBatch batch) {
            if (firstCommit.getCount() > 0) {
                firstCommit.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            List<JournalEntry> group = List.copyOf(batch.entries());
            entries.addAll(group);
            lines.add(Arrays.copyOf(batch.lines(), batch.length())); // the writer reuses its array
            expected.add(JournalBatch.of(group).lines()); // the same entries, encoded afresh
        }
    }

    private int written;

    /** Writes {@code groups} groups of three events (a result with a metric, a start with a config, an idle) and hands each over. */
    private void writeGroups(Journal journal, int groups) {
        for (int g = 0; g < groups; g++) {
            int t = written++;
            journal.write(new JournalEvent.Result(t, 3, Map.of("loss", 1.0 / (t + 3)), "pause", "rank " + t + " of many",
                    true, null, 0.25 * t));
            journal.write(new JournalEvent.Start(t + 1, 1, dev.ladder.core.Config.of(Map.of("x", t / 7.0, "n", (long) t))));
            journal.write(new JournalEvent.Idle(t + 2, true));
            journal.flush(List.of());
        }
    }

    @Test
    void eitherSideEncodesAndEveryCommitHoldsItsEventsLinesInOrder() throws Exception {
        Recording log = new Recording();
        Journal journal = new Journal(log, 0, () -> { });
        writeGroups(journal, 1);
        assertThat(log.firstCommit.await(60, TimeUnit.SECONDS)).isTrue(); // the writer is in a commit that waits
        assertThat(journal.loopEncodes()).as("the writer keeps up so far").isFalse();
        writeGroups(journal, 1_500); // 4,500 events wait meanwhile
        log.release.countDown();
        journal.sync();
        assertThat(journal.loopEncodes()).as("it took more than " + Journal.BEHIND + " events at once: behind").isTrue();
        writeGroups(journal, 200); // encoded by the loop
        journal.sync(); // a small batch: the writer has caught up
        assertThat(journal.loopEncodes()).isFalse();
        writeGroups(journal, 200); // encoded by the writer again
        journal.close();

        assertThat(log.entries).hasSize(3 * 1_901);
        for (int i = 0; i < log.entries.size(); i++) {
            assertThat(log.entries.get(i).seq()).isEqualTo(i + 1);
        }
        for (int c = 0; c < log.lines.size(); c++) {
            assertThat(new String(log.lines.get(c), java.nio.charset.StandardCharsets.UTF_8)).as("commit " + c)
                    .isEqualTo(new String(log.expected.get(c), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
