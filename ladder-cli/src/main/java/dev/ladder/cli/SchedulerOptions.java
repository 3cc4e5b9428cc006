package dev.ladder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.registry.Parameter;
import dev.ladder.core.schedule.SchedulerEntry;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.SearcherEntry;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The scheduler and searcher flags shared by the commands that build or preview a scheduler:
 * {@code --scheduler}, {@code --searcher}, and one flag per registered parameter ({@code min_resource}
 * is {@code --min-resource}), made from the registry by {@link #addParameterFlags}. A flag that belongs
 * to neither the chosen scheduler nor the chosen searcher is an error naming it.
 */
final class SchedulerOptions {
    @Option(names = "--scheduler", description = "One of ${COMPLETION-CANDIDATES} (default: asha); its parameters are in "
            + "docs/schedulers.md.", completionCandidates = Names.class)
    String scheduler;

    @Option(names = "--searcher", description = "One of ${COMPLETION-CANDIDATES} (default: random).",
            completionCandidates = SearcherNames.class)
    String searcher;

    /** The parameter flags given, by parameter name, as typed. */
    final Map<String, String> given = new LinkedHashMap<>();

    static final class Names extends ArrayList<String> {
        Names() {
            super(Schedulers.NAMES);
        }
    }

    static final class SearcherNames extends ArrayList<String> {
        SearcherNames() {
            super(Searchers.NAMES);
        }
    }

    /** Every registered parameter once (schedulers first, then searchers), with the entries that have it. */
    static Map<Parameter, List<String>> flags() {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        Map<Parameter, List<String>> owners = new LinkedHashMap<>();
        for (SchedulerEntry e : Schedulers.ENTRIES) {
            for (Parameter p : e.parameters()) {
                owners.computeIfAbsent(byName.computeIfAbsent(p.name(), n -> p), k -> new ArrayList<>()).add(e.name());
            }
        }
        for (SearcherEntry e : Searchers.ENTRIES) {
            for (Parameter p : e.parameters()) {
                owners.computeIfAbsent(byName.computeIfAbsent(p.name(), n -> p), k -> new ArrayList<>()).add("searcher " + e.name());
            }
        }
        owners.keySet().removeIf(p -> p.kind() == Parameter.Kind.CONFIGS); // lists of configurations come from files (--task-store)
        return owners;
    }

    /** Adds a flag per registered parameter to {@code command}, whose values land in {@code target.given}. */
    static void addParameterFlags(CommandSpec command, SchedulerOptions target) {
        flags().forEach((p, owners) -> {
            OptionSpec.Builder o = OptionSpec.builder(p.flag()).type(String.class).paramLabel(p.kind() == Parameter.Kind.BOOLEAN ? "true|false"
                            : p.kind() == Parameter.Kind.CHOICE ? String.join("|", p.choices()) : p.kind().name())
                    .description(p.doc() + " (" + String.join(", ", owners) + "; default " + p.defaultText() + ").")
                    .hasInitialValue(false)
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) {
                                target.given.put(p.name(), value.toString());
                            }
                            return null;
                        }
                    });
            if (p.kind() == Parameter.Kind.BOOLEAN) {
                o.arity("0..1").fallbackValue("true");
            }
            command.addOption(o.build());
        });
    }

    String schedulerName() {
        return scheduler != null ? scheduler : Schedulers.DEFAULT;
    }

    String searcherName() {
        return searcher != null ? searcher : Searchers.DEFAULT;
    }

    /**
     * The scheduler these flags choose: the command's own resource range ({@code defaultMin}, {@code defaultMax}:
     * the demo's 3..243) where the scheduler has one, then every flag given; an error names a flag that the
     * chosen scheduler and searcher do not have, or a bad value.
     */
    SchedulerSpec spec(long defaultMin, Long defaultMax) {
        checkFlags();
        SchedulerSpec s = SchedulerSpec.of(schedulerName()).overRange(defaultMin, defaultMax);
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (s.entry().has(e.getKey())) {
                s = flagged(e.getKey(), s, x -> x.with(e.getKey(), e.getValue()));
            }
        }
        return s;
    }

    SearcherSpec searcherSpec() {
        checkFlags();
        SearcherSpec s = SearcherSpec.of(searcherName());
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (s.entry().parameters().stream().anyMatch(p -> p.name().equals(e.getKey()))) {
                s = flagged(e.getKey(), s, x -> x.with(e.getKey(), e.getValue()));
            }
        }
        return s;
    }

    /** Fails on an unknown scheduler or searcher, and on a flag neither of them has. */
    private void checkFlags() {
        SchedulerEntry sched = Schedulers.entry(schedulerName());
        SearcherEntry search = Searchers.entry(searcherName());
        for (String name : given.keySet()) {
            boolean searcherHas = search.parameters().stream().anyMatch(p -> p.name().equals(name));
            if (!sched.has(name) && !searcherHas) {
                String flag = "--" + name.replace('_', '-');
                List<String> own = new ArrayList<>();
                sched.parameters().stream().filter(p -> p.kind() != Parameter.Kind.CONFIGS).forEach(p -> own.add(p.flag()));
                search.parameters().forEach(p -> own.add(p.flag()));
                throw new IllegalArgumentException(flag + " does not apply to scheduler '" + sched.name() + "' with searcher '"
                        + search.name() + "' (their flags: " + (own.isEmpty() ? "none" : String.join(", ", own)) + ")");
            }
        }
    }

    /** Applies one flag's value; a bad value is reported under the flag's name. */
    private static <T> T flagged(String parameter, T spec, java.util.function.UnaryOperator<T> set) {
        try {
            return set.apply(spec);
        } catch (IllegalArgumentException e) {
            String marker = "parameter '" + parameter + "': ";
            String msg = e.getMessage();
            int at = msg.indexOf(marker);
            throw new IllegalArgumentException("--" + parameter.replace('_', '-') + ": "
                    + (at < 0 ? msg : msg.substring(at + marker.length())), e);
        }
    }

    /**
     * These flags as the experiment-spec tree's keys (the YAML shape every stored experiment has):
     * {@code resource.min/max}, {@code scheduler: {name, ...}} and {@code searcher: {name, ...}}.
     */
    void writeTo(ObjectNode tree, SchedulerSpec s, SearcherSpec search) {
        ObjectNode resource = tree.has("resource") ? (ObjectNode) tree.get("resource") : tree.putObject("resource");
        if (s.entry().has(Schedulers.MIN_RESOURCE.name())) {
            resource.put("min", s.minResource());
        }
        if (s.maxResource() != null) {
            resource.put("max", s.maxResource());
        }
        tree.set("scheduler", ExperimentSpec.schedulerTree(s));
        tree.set("searcher", search.toTree());
    }
}
