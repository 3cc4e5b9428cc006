package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static final Dataset CREDIT = XGBoostDemo.creditG();

    @Test
    void splitsSixtyTwentyTwentyStratified() {
        Split s = Split.stratified(CREDIT, Split.DEFAULT_SEED);

        assertThat(s.train().rows()).isEqualTo(600);
        assertThat(s.validation().rows()).isEqualTo(200);
        assertThat(s.test().rows()).isEqualTo(200);
        assertThat(s.train().classCounts()).containsExactly(420, 180);
        assertThat(s.validation().classCounts()).containsExactly(140, 60);
        assertThat(s.test().classCounts()).containsExactly(140, 60);
        assertThat(s.train().featureNames()).isEqualTo(CREDIT.featureNames());
    }

    @Test
    void partsAreDisjointAndCoverEveryRow() {
        Split s = Split.stratified(CREDIT, 3);
        Set<String> all = new HashSet<>();
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            for (int i = 0; i < part.rows(); i++) {
                all.add(rowKey(part, i));
            }
        }
        Set<String> original = new HashSet<>();
        for (int i = 0; i < CREDIT.rows(); i++) {
            original.add(rowKey(CREDIT, i));
        }
        // credit-g has no duplicate rows, so disjoint + covering means the same set of keys
        assertThat(original).hasSize(1000);
        assertThat(all).isEqualTo(original);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Split a = Split.stratified(CREDIT, 11);
        Split b = Split.stratified(CREDIT, 11);
        Split c = Split.stratified(CREDIT, 12);

        assertThat(a).isEqualTo(b);
        assertThat(a.train()).isNotEqualTo(c.train());
        assertThat(c.train().classCounts()).containsExactly(420, 180);
    }

    @Test
    void rejectsFractionsLeavingNoTestPart() {
        assertThatThrownBy(() -> Split.stratified(CREDIT, 0.8, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test part");
    }

    private static String rowKey(Dataset d, int row) {
        StringBuilder sb = new StringBuilder().append(d.label(row));
        for (int c = 0; c < d.cols(); c++) {
            sb.append(',').append(d.feature(row, c));
        }
        return sb.toString();
    }
}
