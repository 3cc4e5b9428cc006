package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.GridSearcher;
import org.junit.jupiter.api.Test;

/** workers(n) sizes the in-process pool; an executor brings its own workers, so giving both is an error. */
class TunerWorkersTest {

    @Test
    void workersWithAnExecutorIsAnErrorNamingBoth() {
        Tuner.Builder b = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(TunerTest.SPACE, 2), TunerTest.LOSS, 2))
                .executor(new InProcessExecutor(new QuadraticObjective(), 2)).workers(3);
        assertThatThrownBy(b::build).hasMessageStartingWith("Tuner.Builder: workers(3) and executor(")
                .hasMessageEndingWith("both given; an executor runs its own workers, so give the number to it");
    }

    @Test
    void theDefaultIsOneWorker(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws Exception {
        Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(TunerTest.SPACE, 2), TunerTest.LOSS, 2))
                .objective(new QuadraticObjective()).output(out, "e").run();
        String header = java.nio.file.Files.readAllLines(out.resolve("e/events.jsonl")).get(0);
        assertThat(header).contains("\"type\":\"experiment\"").contains("\"workers\":" + Tuner.Builder.DEFAULT_WORKERS);
        assertThat(Tuner.Builder.DEFAULT_WORKERS).isEqualTo(1);
    }
}
