package dev.ladder.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    static SearchSpace all() {
        return SearchSpace.builder()
                .real("dropout", 0.0, 0.5)
                .logReal("lr", 1e-5, 1e-1)
                .integer("layers", 1, 8)
                .logInteger("batch", 16, 1024)
                .choice("optimizer", "adam", "sgd", "rmsprop")
                .ordinal("width", 32, 64, 128)
                .finiteRange("momentum", 0.8, 0.99, 5, false, false)
                .constant("epochs", 81)
                .build();
    }

    @Test
    void samplesStayInsideTheirDomains() {
        SearchSpace space = all();
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            Config c = space.sample(rng);
            space.validate(c);
            assertThat(c.getDouble("lr")).isBetween(1e-5, 1e-1);
            assertThat(c.getInt("layers")).isBetween(1, 8);
            assertThat(c.getLong("batch")).isBetween(16L, 1024L);
            assertThat(c.getInt("epochs")).isEqualTo(81);
        }
    }

    @Test
    void logDomainsSpreadOverOrdersOfMagnitude() {
        SearchSpace space = SearchSpace.builder().logReal("lr", 1e-6, 1).logInteger("n", 1, 10000).build();
        SplittableRandom rng = new SplittableRandom(1);
        int below1e3 = 0;
        int nBelow100 = 0;
        for (int i = 0; i < 10000; i++) {
            Config c = space.sample(rng);
            below1e3 += c.getDouble("lr") < 1e-3 ? 1 : 0;
            nBelow100 += c.getLong("n") < 100 ? 1 : 0;
        }
        assertThat(below1e3).isBetween(4500, 5500); // half of the log range
        assertThat(nBelow100).isBetween(4500, 5500);
    }

    @Property(tries = 300)
    void decodeInvertsEncode(@ForAll long seed) {
        SearchSpace space = all();
        Config c = space.sample(new SplittableRandom(seed));
        double[] encoded = space.encode(c);
        assertThat(encoded).hasSize(space.dimension());
        for (double u : encoded) {
            assertThat(u).isBetween(0.0, 1.0);
        }
        Config back = space.decode(encoded);
        assertThat(back.asMap().keySet()).containsExactlyElementsOf(c.asMap().keySet());
        for (String name : space.names()) {
            Object a = c.get(name);
            Object b = back.get(name);
            if (a instanceof Double d) {
                assertThat((Double) b).isCloseTo(d, org.assertj.core.data.Percentage.withPercentage(1e-9));
            } else {
                assertThat(b).isEqualTo(a);
            }
        }
    }

    @Property(tries = 200)
    void everyPointOfTheCubeDecodesToAValidConfig(@ForAll @Size(9) List<@DoubleRange(min = 0, max = 1) Double> u) {
        SearchSpace space = all();
        double[] x = u.stream().mapToDouble(Double::doubleValue).toArray();
        space.validate(space.decode(x));
    }

    @Test
    void choiceIsOneHotAndConstantTakesNoDimension() {
        SearchSpace space = all();
        assertThat(space.dimension()).isEqualTo(1 + 1 + 1 + 1 + 3 + 1 + 1);
        Config c = space.sample(new SplittableRandom(3));
        double[] e = space.encode(c);
        double[] oneHot = java.util.Arrays.copyOfRange(e, 4, 7);
        assertThat(java.util.Arrays.stream(oneHot).sum()).isEqualTo(1.0);
    }

    @Test
    void jsonAndYamlRoundTrip() {
        SearchSpace space = all();
        assertThat(SearchSpace.fromJson(space.toJson())).isEqualTo(space);
        assertThat(SearchSpace.fromYaml(space.toYaml())).isEqualTo(space);
        assertThat(space.toYaml()).contains("lr:").contains("type: logReal");
    }

    @Test
    void readsHandWrittenYamlWithPlainConstants() {
        SearchSpace space = SearchSpace.fromYaml("""
                lr: {type: logReal, lower: 0.0001, upper: 0.1}
                depth: {type: integer, lower: 2, upper: 9}
                act: {type: choice, values: [relu, tanh]}
                epochs: 20
                """);
        assertThat(space.names()).containsExactly("lr", "depth", "act", "epochs");
        assertThat(space.domains().get("epochs")).isEqualTo(new Domain.Constant(20L));
        assertThat(space.domains().get("depth")).isEqualTo(new Domain.Int(2, 9, false));
    }

    @Test
    void impossibleSpacesFailNamingTheParameter() {
        assertThatThrownBy(() -> SearchSpace.builder().real("dropout", 0.5, 0.5))
                .hasMessageContaining("parameter 'dropout'").hasMessageContaining("below upper bound");
        assertThatThrownBy(() -> SearchSpace.builder().logReal("lr", 0, 1))
                .hasMessageContaining("parameter 'lr'").hasMessageContaining("positive lower bound");
        assertThatThrownBy(() -> SearchSpace.builder().logInteger("units", -4, 64))
                .hasMessageContaining("parameter 'units'").hasMessageContaining("positive lower bound");
        assertThatThrownBy(() -> SearchSpace.builder().integer("layers", 9, 3))
                .hasMessageContaining("parameter 'layers'");
        assertThatThrownBy(() -> SearchSpace.builder().choice("opt"))
                .hasMessageContaining("parameter 'opt'").hasMessageContaining("at least one value");
        assertThatThrownBy(() -> SearchSpace.builder().integer("a", 1, 2).real("a", 0, 1))
                .hasMessageContaining("parameter 'a' is defined twice");
        assertThatThrownBy(() -> SearchSpace.builder().choice("c", "x", "x"))
                .hasMessageContaining("parameter 'c'").hasMessageContaining("twice");
        assertThatThrownBy(() -> SearchSpace.builder().build()).hasMessageContaining("no parameters");
    }

    @Test
    void badDocumentsFailNamingTheParameterAndField() {
        assertThatThrownBy(() -> SearchSpace.fromYaml("lr: {type: logreal, lower: 1, upper: 2}"))
                .hasMessageContaining("parameter 'lr'").hasMessageContaining("unknown type 'logreal'");
        assertThatThrownBy(() -> SearchSpace.fromYaml("depth: {type: integer, lower: 2}"))
                .hasMessageContaining("parameter 'depth'").hasMessageContaining("missing 'upper'");
        assertThatThrownBy(() -> SearchSpace.fromYaml("depth: {type: integer, lower: 2.5, upper: 4}"))
                .hasMessageContaining("parameter 'depth'").hasMessageContaining("'lower' must be an integer");
        assertThatThrownBy(() -> SearchSpace.fromJson("{\"a\": "))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> SearchSpace.fromYaml("- a\n- b"))
                .hasMessageContaining("mapping from parameter names");
    }

    @Test
    void validateNamesTheOffendingParameter() {
        SearchSpace space = SearchSpace.builder().integer("layers", 1, 4).build();
        assertThatThrownBy(() -> space.validate(Config.of(java.util.Map.of("layers", 7))))
                .hasMessageContaining("parameter 'layers'").hasMessageContaining("outside its domain");
        assertThatThrownBy(() -> space.validate(Config.of(java.util.Map.of("layers", 2, "extra", 1))))
                .hasMessageContaining("'extra'");
    }
}
