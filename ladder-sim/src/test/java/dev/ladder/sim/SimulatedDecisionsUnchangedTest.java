package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.PashaScheduler;
import dev.ladder.core.schedule.RungScheduler;
import dev.ladder.core.schedule.RushScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Pins what RUSH, PASHA and ASHA decide in whole simulated runs through the tuner: the synthetic
 * blackbox (R = 81) on 4 workers with stragglers and dropped jobs, so that failed trials reach
 * {@code onTrialEnd} too. Every call the tuner makes on the scheduler and its answer is hashed; the
 * hashes were recorded with the scheduler classes of commit be629da, before RUSH and PASHA became
 * extensions of the rung engine. A change of an answer, a reason text or the order of the calls changes a hash.
 */
class SimulatedDecisionsUnchangedTest {
    static final List<Config> ARMS = List.of(arm(0.3, 0.34), arm(0.05, 0.1), arm(0.5, 0.2));

    /** A configuration whose parameters print in a fixed order. */
    static Config arm(double x0, double x1) {
        return Config.of(new TreeMap<>(Map.of("x0", x0, "x1", x1)));
    }

    /** Passes every call through and writes it, with the answer, into a digest. */
    static final class Recording implements Scheduler {
        final Scheduler inner;
        final MessageDigest sha;
        final Map<TrialStatus, Integer> ends = new EnumMap<>(TrialStatus.class);

        Recording(Scheduler inner, MessageDigest sha) {
            this.inner = inner;
            this.sha = sha;
        }

        void write(String line) {
            sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
            Optional<Suggestion> s = inner.suggest(nextTrialId, mayStartNew);
            write("suggest " + nextTrialId + " " + mayStartNew + " " + s);
            return s;
        }

        @Override
        public Decision onResult(Trial trial, Result result) {
            Decision d = inner.onResult(trial, result);
            write("result " + trial.id() + " " + result.resource() + " " + result.value(metric()) + " " + d);
            return d;
        }

        @Override
        public void onTrialEnd(Trial trial) {
            inner.onTrialEnd(trial);
            ends.merge(trial.status(), 1, Integer::sum);
            write("end " + trial.id() + " " + trial.status());
        }

        @Override
        public Metric metric() {
            return inner.metric();
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }

    static Map<String, Function<Searcher, Scheduler>> schedulers(Metric metric, long seed) {
        RungScheduler.Type promotion = RungScheduler.Type.PROMOTION;
        Map<String, Function<Searcher, Scheduler>> m = new LinkedHashMap<>();
        m.put("asha", s -> new AshaScheduler(s, metric, 1, 81, 3));
        m.put("rush", s -> new RushScheduler(s, metric, 1, 81, 3, promotion, ARMS));
        m.put("rush-stopping", s -> new RushScheduler(s, metric, 1, 81, 3, RungScheduler.Type.STOPPING, ARMS));
        m.put("rush-in-rungs", s -> RushScheduler.inRungs(s, metric, 1, 81, 3, promotion, ARMS));
        m.put("rush-hyperband", s -> RushScheduler.hyperband(s, metric, 1, 81, 3, RungScheduler.BracketSelection.SAMPLE,
                false, seed, ARMS));
        m.put("pasha", s -> new PashaScheduler(s, metric, 1, 81, 3, null));
        m.put("pasha-epsilon-0.02", s -> new PashaScheduler(s, metric, 1, 81, 3, 0.02));
        return m;
    }

    @Test
    void everyDecisionOfAWholeSimulatedRunIsTheOneRecordedBeforeTheRefactor() throws Exception {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1);
        Map<String, String> digests = new LinkedHashMap<>();
        Map<TrialStatus, Integer> ends = new EnumMap<>(TrialStatus.class);
        for (String name : schedulers(box.metric(), 0).keySet()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long seed = 1; seed <= 2; seed++) {
                Recording rec = new Recording(schedulers(box.metric(), seed).get(name)
                        .apply(new RandomSearcher(box.space(), seed)), sha);
                SimulatedExecutor exec = new SimulatedExecutor(box, 4, seed, new FailureModel(0.3, 0.002, seed));
                TuningResult r = Tuner.builder().scheduler(rec).executor(exec).maxTrials(150).maxFailures(1_000).run();
                assertThat(r.trials()).hasSize(150);
                rec.ends.forEach((status, n) -> ends.merge(status, n, Integer::sum));
            }
            digests.put(name, HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("asha", "6b82e4a424188b31");
        expected.put("rush", "61cdac19fdda5538");
        expected.put("rush-stopping", "6cf537bb78ea36d1");
        expected.put("rush-in-rungs", "4120b1936561fc76");
        expected.put("rush-hyperband", "c47b76540c936f4d");
        expected.put("pasha", "9e58d68bba477350");
        expected.put("pasha-epsilon-0.02", "e590486ffde98358");
        assertThat(digests).containsExactlyEntriesOf(expected);
        // the runs went through every way a job can end
        assertThat(ends).containsKeys(TrialStatus.PAUSED, TrialStatus.STOPPED, TrialStatus.COMPLETED, TrialStatus.FAILED);
    }
}
