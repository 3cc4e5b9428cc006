package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportLineTest {
    @Test
    void aReportHasTheResourceAndEveryOtherNumericKeyAsAMetric() {
        ReportLine r = ReportLine.parse("LADDER_REPORT {\"epoch\": 3, \"loss\": 0.21, \"acc\": 1, \"note\": \"hi\", \"x\": null}", "epoch");
        assertThat(r.resource()).isEqualTo(3);
        assertThat(r.metrics()).containsExactly(Map.entry("loss", 0.21), Map.entry("acc", 1.0));
        assertThat(ReportLine.parse("LADDER_REPORT\t{\"resource\": 4.0, \"loss\": NaN, \"l2\": -Infinity}", "resource").metrics())
                .containsEntry("loss", Double.NaN).containsEntry("l2", Double.NEGATIVE_INFINITY);
    }

    @Test
    void onlyLinesStartingWithTheWordAreReports() {
        assertThat(ReportLine.isReport("LADDER_REPORT {}")).isTrue();
        assertThat(ReportLine.isReport("LADDER_REPORT")).isTrue();
        assertThat(ReportLine.isReport("LADDER_REPORTS {}")).isFalse();
        assertThat(ReportLine.isReport(" LADDER_REPORT {}")).isFalse();
        assertThat(ReportLine.isReport("epoch 3 loss 0.2")).isFalse();
    }

    @Test
    void malformedReportsSayWhatIsWrong() {
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"resource\": 1, loss: 2", "resource"))
                .hasMessageStartingWith("invalid JSON");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT", "resource")).hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT [1, 2]", "resource")).hasMessageContaining("not an object");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"loss\": 2}", "epoch")).hasMessage("no resource key 'epoch'");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"epoch\": \"3\"}", "epoch"))
                .hasMessage("resource 'epoch' must be a non-negative integer, got \"3\"");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"epoch\": 2.5}", "epoch")).hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"epoch\": -1}", "epoch")).hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"epoch\": NaN}", "epoch")).hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> ReportLine.parse("LADDER_REPORT {\"epoch\": 1, \"epoch\": 2}", "epoch")).hasMessageContaining("Duplicate");
    }

    @Test
    void theJavaHelperWritesLinesTheParserReads() {
        String line = LadderTrial.line("epoch", 7, new java.util.LinkedHashMap<>(Map.of("loss", Double.NaN)));
        assertThat(line).isEqualTo("LADDER_REPORT {\"epoch\": 7, \"loss\": NaN}");
        ReportLine r = ReportLine.parse(LadderTrial.line("step", 2, Map.of("a \"quoted\" name", 0.5)), "step");
        assertThat(r.resource()).isEqualTo(2);
        assertThat(r.metrics()).containsExactly(Map.entry("a \"quoted\" name", 0.5));
    }
}
