package dev.ladder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.AdaptiveScheduler;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.RungScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.search.RandomSearcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scheduler built from the registry decides exactly as the constructors did before the registry
 * existed: 300 trials of the synthetic workload through {@link DecisionDriver}, every suggestion,
 * decision (with its reason) and trial end written down, and the SHA-256 of that journal compared with
 * the one the same settings gave on the commit before the registry (be629da, built with the old
 * {@code SchedulerSpec.of(name, min, max, eta)} and the constructors directly).
 */
class RegistryDecisionsTest {
    private static final List<Config> ARMS = List.of(arm(0.5, 0.5), arm(0.1, 0.9));

    /** A configuration in a fixed key order (the journal prints it; {@code Map.of}'s order changes from run to run). */
    private static Config arm(double x0, double x1) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x0", x0);
        values.put("x1", x1);
        return Config.of(values);
    }

    static Stream<Arguments> cases() {
        Map<String, SchedulerSpec> specs = new LinkedHashMap<>();
        for (String name : Schedulers.NAMES) {
            specs.put(name, SchedulerSpec.of(name).maxResource(81L).trials(200));
        }
        specs.put("async-hyperband sample per-bracket seed 5", Schedulers.asyncHyperband().maxResource(81L)
                .brackets(RungScheduler.BracketSelection.SAMPLE).rungsPerBracket(true).seed(5));
        specs.put("adaptive aggressive eta4 trials 300", Schedulers.adaptive().maxResource(81L).trials(300)
                .mode(AdaptiveScheduler.Mode.AGGRESSIVE));
        specs.put("median min 2 max 81 eta 2 minSamples 5", Schedulers.median().minResource(2).maxResource(81L).eta(2).minSamples(5));
        specs.put("sha s=1 eta 3 trials 50", Schedulers.sha().maxResource(81L).trials(50).earlyStoppingRate(1));
        specs.put("pasha epsilon 0.01", Schedulers.pasha().maxResource(81L).epsilon(0.01));
        specs.put("rush arms", Schedulers.rush().maxResource(81L).arms(ARMS));
        specs.put("rush-stopping arms", Schedulers.rushStopping().maxResource(81L).arms(ARMS));
        specs.put("asha min 3 max 81 eta 4", Schedulers.asha().minResource(3).maxResource(81L).eta(4));
        Map<String, String> golden = Map.ofEntries(
                Map.entry("fifo", "b0985446c555a21eb52f6841d2dee7fd1e3fbb7f9166e6837de15fdf0d9f5037"),
                Map.entry("sha", "be931693d834207605b4ae3632e58545ea227bbc0ca1d02f214f77d521ded26a"),
                Map.entry("hyperband", "54577db44fde2d7df398988d5cde55a459c6271d4840198c1a6dabed5f030daf"),
                Map.entry("asha", "46f212ea466ca2dd1331154c41669679f7957a779debd32d4a86bfc8399ee02e"),
                Map.entry("asha-stopping", "c0dcdb7107aefd839a510d3d200ba557ad27004bc5522b02abee1e2621bdc256"),
                Map.entry("async-hyperband", "db04422d061b333e4c276c7c779111df437e7a80d0bddb000759938f4c7ebb12"),
                Map.entry("async-hyperband-stopping", "ae3294fb17ff0d3350a6cdc7b5c41bfa688ce9f468734b6aed72e81f57e48283"),
                Map.entry("adaptive", "090534b4db6048eb077a90910cbe1e2a37e0323620bdb0642f5f0bef151156a4"),
                Map.entry("median", "253b357945c6ec7cc1cae2fa5f9bd85d461b2a2bcdac360a104bb38241e91972"),
                Map.entry("pasha", "ca4a6e6a1058ac6249f1d405d70667133cabab403dc9d00176661e9db50edd89"),
                Map.entry("rush", "46f212ea466ca2dd1331154c41669679f7957a779debd32d4a86bfc8399ee02e"),
                Map.entry("rush-stopping", "c0dcdb7107aefd839a510d3d200ba557ad27004bc5522b02abee1e2621bdc256"),
                Map.entry("async-hyperband sample per-bracket seed 5", "7d64c7e086fa0c03fbc263109174b25864ea7d7544ff6f09bd44017922405737"),
                Map.entry("adaptive aggressive eta4 trials 300", "81635d4e93ee8fb12bf94487c319a5f7cb6adc91722cb96a6fc3cdcd7644baf8"),
                Map.entry("median min 2 max 81 eta 2 minSamples 5", "7e1a7bc192edd93b03bd4557d4a62a6d1febe5a7dd519eb1a63a63fd95bac871"),
                Map.entry("sha s=1 eta 3 trials 50", "088afc7b653b3576b88dabd9c76a63a2e2bfd7bbab00f053ad35305ecce5101e"),
                Map.entry("pasha epsilon 0.01", "25c5714947ab257696599478a33f19b4914439de26ff27bbca6d252f060d03e6"),
                Map.entry("rush arms", "26940df1f8ae18aedc82814860379a832bd4b47c202a9ea9423c6f72c9f24326"),
                Map.entry("rush-stopping arms", "68c9d030707b1bdb11ee1fcdc205422eae27b8078ad3aa22ac95500a236d1254"),
                Map.entry("asha min 3 max 81 eta 4", "5f1cc67f38092d39707ec01dc6b1b15a7c53a682f5454c2f2cb3c4ef429eb44f"),
                Map.entry("mo-asha", "cb70be1866a02e948f8c9ffcb9411f7373be74960c5abfa23ff8dd4356c74aab"),
                Map.entry("mo-asha-stopping", "f2bd2ee67d90d9003a38117f4a1b27d8ce330e89f3c7b46f21ecf239257f4498"));
        assertThat(specs.keySet()).isEqualTo(golden.keySet());
        return specs.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue(), golden.get(e.getKey())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsBeforeTheRegistry(String label, SchedulerSpec spec, String digest) throws Exception {
        Scheduler s = spec.build(new RandomSearcher(DecisionBenchmark.space(), 11), DecisionBenchmark.METRIC);
        assertThat(journalDigest(s, 300)).as(label).isEqualTo(digest);
    }

    /** The SHA-256 of every suggestion, decision and trial end of a {@link DecisionDriver} run, in order. */
    static String journalDigest(Scheduler s, int trials) throws Exception {
        StringBuilder log = new StringBuilder();
        Scheduler recording = new Scheduler() {
            @Override
            public Optional<Suggestion> suggest(int id, boolean mayStartNew) {
                Optional<Suggestion> x = s.suggest(id, mayStartNew);
                log.append('s').append(id).append(x).append('\n');
                return x;
            }

            @Override
            public Decision onResult(Trial t, Result r) {
                Decision d = s.onResult(t, r);
                log.append(t.id()).append('@').append(r.resource()).append(d).append('\n');
                return d;
            }

            @Override
            public void onTrialEnd(Trial t) {
                s.onTrialEnd(t);
                log.append('e').append(t.id()).append(t.status()).append('\n');
            }

            @Override
            public Metric metric() {
                return s.metric();
            }
        };
        new DecisionDriver(recording, trials).run();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(log.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
