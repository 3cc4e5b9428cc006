package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.schedule.AdaptiveScheduler;
import dev.ladder.core.schedule.RungScheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The scheduler flags shared by the commands that build or preview a scheduler. */
final class SchedulerOptions {
    @Option(names = "--scheduler", defaultValue = "asha",
            description = "One of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).", completionCandidates = Names.class)
    String scheduler;

    @Option(names = "--min-resource", description = "Resource of the lowest rung.")
    Long minResource;

    @Option(names = "--max-resource", description = "Resource a trial gets at most.")
    Long maxResource;

    @Option(names = "--eta", description = "Reduction factor between rungs (default 3; 4 for adaptive).")
    Long eta;

    @Option(names = "--mode", defaultValue = "standard",
            description = "adaptive only: aggressive, standard or conservative (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--brackets", defaultValue = "loop",
            description = "async-hyperband only: how new trials pick a bracket, loop or sample (default ${DEFAULT-VALUE}).")
    String brackets;

    @Option(names = "--rungs-per-bracket",
            description = "async-hyperband only: one rung system per bracket instead of one shared.")
    boolean rungsPerBracket;

    static final class Names extends java.util.ArrayList<String> {
        Names() {
            super(Schedulers.NAMES);
        }
    }

    /** These flags as JSON, for an experiment's stored spec. */
    ObjectNode toJson(long defaultMin, Long defaultMax) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("name", scheduler);
        n.put("min_resource", minResource != null ? minResource : defaultMin);
        n.put("max_resource", maxResource != null ? maxResource : defaultMax);
        if (eta != null) {
            n.put("eta", eta);
        }
        n.put("mode", mode);
        n.put("brackets", brackets);
        n.put("rungs_per_bracket", rungsPerBracket);
        return n;
    }

    /** The flags a stored spec was made with (see {@link #toJson}). */
    static SchedulerOptions fromJson(JsonNode n) {
        SchedulerOptions o = new SchedulerOptions();
        o.scheduler = n.get("name").asText();
        o.minResource = n.get("min_resource").asLong();
        o.maxResource = n.get("max_resource").isNull() ? null : n.get("max_resource").asLong();
        o.eta = n.has("eta") ? n.get("eta").asLong() : null;
        o.mode = n.get("mode").asText();
        o.brackets = n.get("brackets").asText();
        o.rungsPerBracket = n.get("rungs_per_bracket").asBoolean();
        return o;
    }

    SchedulerSpec spec(long defaultMin, Long defaultMax, Integer trials, long seed) {
        long e = eta != null ? eta : scheduler.equals("adaptive") ? AdaptiveScheduler.DEFAULT_ETA : 3;
        return SchedulerSpec.of(scheduler, minResource != null ? minResource : defaultMin,
                        maxResource != null ? maxResource : defaultMax, e)
                .withTrials(trials)
                .withMode(parse(AdaptiveScheduler.Mode.class, "--mode", mode))
                .withBrackets(parse(RungScheduler.BracketSelection.class, "--brackets", brackets), rungsPerBracket, seed);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String flag, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
