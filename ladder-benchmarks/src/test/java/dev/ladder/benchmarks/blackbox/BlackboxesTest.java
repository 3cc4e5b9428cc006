package dev.ladder.benchmarks.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.sim.Blackbox;
import org.junit.jupiter.api.Test;

class BlackboxesTest {

    @Test
    void everyNameRoundTrips() {
        assertThat(Blackboxes.names()).hasSize(34 + 3 + 4 + 8)
                .contains("lcbench:189906", "nasbench201:imagenet16-120", "fcnet:slice_localization", "hpobench:vehicle");
        for (String name : Blackboxes.names()) {
            Blackbox b = Blackboxes.of(name);
            assertThat(b.name()).isEqualTo(name);
        }
        assertThat(Blackboxes.of("fcnet:naval_propulsion")).isSameAs(FcNet.of("naval_propulsion"));
    }

    @Test
    void badNamesSayWhatIsValid() {
        assertThatThrownBy(() -> Blackboxes.of("cifar10")).hasMessageContaining("family:instance")
                .hasMessageContaining("nasbench201");
        assertThatThrownBy(() -> Blackboxes.of("nas201:cifar10")).hasMessageContaining("'nas201'")
                .hasMessageContaining("[lcbench, nasbench201, fcnet, hpobench, synthetic]");
        assertThatThrownBy(() -> Blackboxes.of("synthetic:x")).hasMessageContaining("synthetic:R");
        assertThatThrownBy(() -> Blackboxes.of("lcbench:1")).hasMessageContaining("no task 1");
        assertThatThrownBy(() -> Blackboxes.of("hpobench:")).hasMessageContaining("''").hasMessageContaining("australian");
    }
}
