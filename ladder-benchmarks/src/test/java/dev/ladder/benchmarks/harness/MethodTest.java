package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import org.junit.jupiter.api.Test;

class MethodTest {

    @Test
    void aMethodIsASchedulerOverASearcherByTheirRegistryNamesWithParameters() {
        Method m = Method.parse("asha+kde:top_fraction=0.2:candidates=32");
        assertThat(m.schedulerName()).isEqualTo("asha");
        assertThat(m.searcher().name()).isEqualTo("kde");
        assertThat(m.searcher().parameters().real("top_fraction")).isEqualTo(0.2);
        assertThat(m.searcher().parameters().integer("candidates")).isEqualTo(32);
        assertThat(Method.parse("hyperband:eta=2").scheduler().eta()).isEqualTo(2);
        assertThat(Method.parse("asha").searcher().name()).isEqualTo("random");
        assertThat(Method.parse("random").schedulerName()).isEqualTo("fifo");
        // BOHB's searcher builds over a benchmark and proposes within its space
        var box = Blackboxes.of("synthetic:27");
        assertThat(Method.parse("hyperband+kde").build(box, 1, null).suggest(0, true)).isPresent();
    }

    @Test
    void unknownNamesAndParametersFailNamingThem() {
        assertThatThrownBy(() -> Method.parse("ashaa")).hasMessageContaining("ashaa");
        assertThatThrownBy(() -> Method.parse("asha+kdee")).hasMessageContaining("kdee");
        assertThatThrownBy(() -> Method.parse("asha+kde:bogus=1")).hasMessageContaining("bogus");
        assertThatThrownBy(() -> Method.parse("asha+kde:top_fraction")).hasMessageContaining("'top_fraction' is not key=value");
        assertThatThrownBy(() -> Method.parse("random+kde")).hasMessageContaining("fifo+NAME");
        assertThatThrownBy(() -> Method.parse("a+b+c")).hasMessageContaining("a+b+c");
    }

    @Test
    void aSearcherOverFifoRunsOnASingleFidelityBenchmarkAndAMultiFidelityMethodDoesNot() {
        var single = Blackboxes.of("hpobench:australian");
        Harness.requireFidelity("fifo+kde", single);
        assertThatThrownBy(() -> Harness.requireFidelity("hyperband+kde", single)).hasMessageContaining("hyperband+kde");
    }
}
