package dev.ladder.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void logLossByHand() {
        float[] p = {0.9f, 0.2f, 0.6f, 0.4f};
        float[] y = {1, 0, 1, 1};
        // -(ln 0.9 + ln 0.8 + ln 0.6 + ln 0.4) / 4, with the float inputs widened to double
        double expected = -(Math.log(0.9f) + Math.log(1 - (double) 0.2f) + Math.log(0.6f) + Math.log(0.4f)) / 4;

        assertThat(Metrics.logLoss(p, y)).isCloseTo(expected, within(1e-15));
        assertThat(expected).isCloseTo(0.43891, within(1e-5));
    }

    @Test
    void logLossClipsCertainMistakes() {
        float[] p = {0f, 1f};
        float[] y = {1, 0};

        // p = 0 for a positive costs -ln(EPS); p = 1 for a negative costs -ln(1 - (1 - EPS)), which
        // is -ln(9.99e-16) in double arithmetic: both about 34.5 instead of infinity
        double expected = (-Math.log(Metrics.EPS) - Math.log1p(-(1 - Metrics.EPS))) / 2;
        assertThat(Metrics.logLoss(p, y)).isEqualTo(expected).isCloseTo(34.539, within(1e-3));
        assertThat(Metrics.logLoss(new float[] {1f, 0f}, y.clone() /* {1, 0} */)).isCloseTo(0, within(1e-12));
    }

    @Test
    void aucWithoutTies() {
        // positives at 0.8, 0.4; negatives at 0.6, 0.1: pairs (0.8>0.6) (0.8>0.1) (0.4<0.6) (0.4>0.1) -> 3/4
        assertThat(Metrics.auc(new float[] {0.8f, 0.6f, 0.4f, 0.1f}, new float[] {1, 0, 1, 0})).isEqualTo(0.75);
        assertThat(Metrics.auc(new float[] {0.9f, 0.8f, 0.2f}, new float[] {1, 1, 0})).isEqualTo(1.0);
        assertThat(Metrics.auc(new float[] {0.1f, 0.8f, 0.9f}, new float[] {1, 0, 0})).isEqualTo(0.0);
    }

    @Test
    void aucCountsTiesAsOneHalf() {
        // scores 0.5 (pos), 0.5 (neg), 0.5 (neg), 0.9 (pos), 0.2 (neg)
        // pairs: pos 0.5 vs negs {0.5, 0.5, 0.2} -> 0.5 + 0.5 + 1; pos 0.9 vs all negs -> 3; total 5 of 6
        float[] s = {0.5f, 0.5f, 0.5f, 0.9f, 0.2f};
        float[] y = {1, 0, 0, 1, 0};
        assertThat(Metrics.auc(s, y)).isCloseTo(5.0 / 6, within(1e-12));
        // all scores equal: every pair is a tie
        assertThat(Metrics.auc(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, new float[] {1, 0, 1, 0})).isEqualTo(0.5);
    }

    @Test
    void aucIsUndefinedForOneClass() {
        assertThatThrownBy(() -> Metrics.auc(new float[] {0.1f, 0.2f}, new float[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AUC is undefined when all 2 labels are 1");
    }

    @Test
    void accuracyAtOneHalf() {
        float[] p = {0.7f, 0.5f, 0.2f, 0.51f, 0.49f};
        float[] y = {1, 1, 0, 0, 0};
        // right: 0.7->1 yes, 0.5->0 no, 0.2->0 yes, 0.51->1 no, 0.49->0 yes
        assertThat(Metrics.accuracy(p, y)).isEqualTo(0.6);
    }

    @Test
    void scoresBundleAllThreeInOrder() {
        float[] p = {0.8f, 0.6f, 0.4f, 0.1f};
        float[] y = {1, 0, 1, 0};
        Scores s = Metrics.scores(p, y);

        assertThat(s.toMap()).containsOnlyKeys("logloss", "auc", "accuracy");
        assertThat(s.toMap().keySet()).containsExactly("logloss", "auc", "accuracy");
        assertThat(s.auc()).isEqualTo(0.75);
        assertThat(s.accuracy()).isEqualTo(0.5);
        assertThat(s.logloss()).isEqualTo(Metrics.logLoss(p, y));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Metrics.logLoss(new float[] {0.1f}, new float[] {1, 0}))
                .hasMessage("1 predictions for 2 labels");
        assertThatThrownBy(() -> Metrics.accuracy(new float[] {0.1f}, new float[] {2}))
                .hasMessage("label 2.0 at row 0 is not 0 or 1");
        assertThatThrownBy(() -> Metrics.logLoss(new float[] {Float.NaN}, new float[] {1}))
                .hasMessage("prediction NaN at row 0 is not a probability");
    }
}
