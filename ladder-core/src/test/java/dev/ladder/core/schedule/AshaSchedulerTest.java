package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.Searcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AshaSchedulerTest {

    /** Trial i has config {i: i}; it is not sampled, so the losses below belong to known trials. */
    static final Searcher NUMBERED = id -> Optional.of(Config.of(Map.of("i", id)));

    /** Runs jobs one at a time, each reporting only at its target resource, and logs what happened. */
    static List<String> drive(Scheduler s, int maxTrials, LossTable losses) {
        Map<Integer, Trial> trials = new HashMap<>();
        List<String> log = new ArrayList<>();
        Optional<Suggestion> next;
        while ((next = s.suggest(trials.size(), trials.size() < maxTrials)).isPresent()) {
            Trial t;
            long r = next.get().resource();
            if (next.get() instanceof Suggestion.Start start) {
                t = new Trial(trials.size(), start.config());
                trials.put(t.id(), t);
                log.add("start " + t.id() + "@" + r);
            } else {
                t = trials.get(((Suggestion.Resume) next.get()).trialId());
                assertThat(t.status()).isEqualTo(TrialStatus.PAUSED);
                log.add("resume " + t.id() + "@" + r);
            }
            t.setLastResource(r);
            Decision d = s.onResult(t, new Result(t.id(), r, Map.of(s.metric().name(), losses.loss(t.id(), r))));
            t.setStatus(d instanceof Decision.Pause ? TrialStatus.PAUSED : TrialStatus.COMPLETED, d.reason());
            s.onTrialEnd(t);
            if (d instanceof Decision.Pause) {
                log.add("pause " + t.id());
            }
        }
        return log;
    }

    interface LossTable {
        double loss(int trial, long resource);
    }

    @Test
    void rungLevelsAreIntegerPowersCappedByTheMaximum() {
        assertThat(RungLevels.of(1, 9, 3)).containsExactly(1, 3, 9);
        assertThat(RungLevels.of(1, 10, 3)).containsExactly(1, 3, 9, 10);
        assertThat(RungLevels.of(3, 243, 3)).containsExactly(3, 9, 27, 81, 243);
        assertThat(RungLevels.of(1, 256, 4)).containsExactly(1, 4, 16, 64, 256);
        assertThat(RungLevels.of(5, 5, 2)).containsExactly(5);
        assertThat(RungLevels.of(1, Long.MAX_VALUE, 2)).hasSize(64);
        assertThatThrownBy(() -> RungLevels.of(0, 9, 3)).hasMessageContaining("min resource");
        assertThatThrownBy(() -> RungLevels.of(10, 9, 3)).hasMessageContaining("below min resource");
        assertThatThrownBy(() -> RungLevels.of(1, 9, 1)).hasMessageContaining("eta");
    }

    /** Thesis Figure 3.1: n = 9, r = 1, R = 9, eta = 3, run by ASHA on one worker. */
    @Test
    void figure31SettingPromotesTheTopThirdOfEachRung() {
        double[] rung0 = {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4};
        AshaScheduler asha = new AshaScheduler(NUMBERED, Metric.minimize("loss"), 1, 9, 3);
        List<String> log = drive(asha, 9, (t, r) -> rung0[t] / r);
        assertThat(log).containsExactly(
                "start 0@1", "pause 0", "start 1@1", "pause 1", "start 2@1", "pause 2",
                "resume 2@3", "pause 2",            // t2 is the best of 3: top floor(3/3) = 1
                "start 3@1", "pause 3", "start 4@1", "pause 4", "start 5@1", "pause 5",
                "resume 4@3", "pause 4",            // 6 in rung 0, top 2: t2 (promoted) and t4
                "start 6@1", "pause 6",
                "resume 6@3", "pause 6",            // 7 in rung 0, top 2: t2, t6 -> t6 promotable
                "resume 2@9",                       // 3 in rung 1, top 1: t2 reaches R and completes
                "start 7@1", "pause 7", "start 8@1", "pause 8");
        // as synchronous SHA would: 9 -> 3 (t2, t4, t6: the top third) -> 1 (t2)
    }

    @Test
    void promotesFromTheHighestRungFirst() {
        AshaScheduler asha = new AshaScheduler(NUMBERED, Metric.minimize("loss"), 1, 4, 2); // rungs 1, 2, 4
        Map<Integer, Trial> trials = new HashMap<>();
        java.util.function.Supplier<String> next = () -> {
            Suggestion s = asha.suggest(trials.size(), true).orElseThrow();
            if (s instanceof Suggestion.Start st) {
                Trial t = new Trial(trials.size(), st.config());
                trials.put(t.id(), t);
                return "start " + t.id() + "@" + s.resource();
            }
            return "resume " + ((Suggestion.Resume) s).trialId() + "@" + s.resource();
        };
        java.util.function.BiConsumer<Integer, double[]> report = (id, rl) ->
                asha.onResult(trials.get(id), new Result(id, (long) rl[0], Map.of("loss", rl[1])));
        assertThat(next.get()).isEqualTo("start 0@1");
        assertThat(next.get()).isEqualTo("start 1@1");
        report.accept(0, new double[] {1, 0.0});
        report.accept(1, new double[] {1, 1.0});
        assertThat(next.get()).isEqualTo("resume 0@2");   // rung 0: top floor(2/2) = 1
        report.accept(0, new double[] {2, 0.0});
        assertThat(next.get()).isEqualTo("start 2@1");
        report.accept(2, new double[] {1, 0.5});
        assertThat(next.get()).isEqualTo("start 3@1");
        report.accept(3, new double[] {1, 0.2});
        assertThat(next.get()).isEqualTo("resume 3@2");   // rung 0: 4 entries, t3 ranks 2nd of top 2
        assertThat(next.get()).isEqualTo("start 4@1");
        assertThat(next.get()).isEqualTo("start 5@1");
        report.accept(4, new double[] {1, 0.01});
        report.accept(5, new double[] {1, 0.02});          // rung 0 now has t4 promotable
        report.accept(3, new double[] {2, 0.1});           // rung 1 now has t0 promotable
        assertThat(next.get()).isEqualTo("resume 0@4");   // the higher rung goes first
        assertThat(next.get()).isEqualTo("resume 4@2");
    }

    @Test
    void maximisedMetricsRankTheLargestFirst() {
        double[] acc = {0.6, 0.9, 0.7};
        AshaScheduler asha = new AshaScheduler(NUMBERED, Metric.maximize("acc"), 1, 3, 3);
        List<String> log = drive(asha, 3, (t, r) -> acc[t]);
        assertThat(log).contains("resume 1@3");
    }

    @Test
    void pauseReasonNamesTheRungAndRank() {
        AshaScheduler asha = new AshaScheduler(NUMBERED, Metric.minimize("loss"), 1, 9, 3);
        Suggestion s = asha.suggest(0, true).orElseThrow();
        Trial t = new Trial(0, ((Suggestion.Start) s).config());
        Decision d = asha.onResult(t, new Result(0, 1, Map.of("loss", 1.0)));
        assertThat(d).isInstanceOf(Decision.Pause.class);
        assertThat(d.reason()).isEqualTo("reached rung 0 (r=1): rank 1 of 1, promotion needs top 0");
        assertThat(asha.onResult(t, new Result(0, 1, Map.of("loss", 1.0)))).isEqualTo(Decision.CONTINUE);
    }

    @Test
    void failedTrialsAreNeverPromoted() {
        AshaScheduler asha = new AshaScheduler(NUMBERED, Metric.minimize("loss"), 1, 3, 3);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Suggestion.Start s = (Suggestion.Start) asha.suggest(i, true).orElseThrow();
            Trial t = new Trial(i, s.config());
            trials.add(t);
            asha.onResult(t, new Result(i, 1, Map.of("loss", (double) i)));
        }
        trials.get(0).setStatus(TrialStatus.FAILED, "crashed while saving");
        asha.onTrialEnd(trials.get(0));
        // trial 0 was the best of three; it cannot be resumed, so nothing is promotable yet
        assertThat(asha.suggest(3, false)).isEmpty();
    }
}
