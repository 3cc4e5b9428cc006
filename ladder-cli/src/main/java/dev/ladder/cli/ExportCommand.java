package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.core.pareto.ParetoFront;
import dev.ladder.store.ResultRow;
import dev.ladder.store.TrialRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes an experiment's results as CSV or its journal as JSON lines. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export an experiment of the store or a JSON-lines journal <out>/<name>/events.jsonl: "
                + "--format csv writes one row per result (trial, resource, seconds, metrics, config); "
                + "--format jsonl writes the event journal, one event per line; with several objectives, --format front writes "
                + "the Pareto front as CSV (trial, resource, objectives, config) and --format front_json the front with its "
                + "hypervolume over time.")
final class ExportCommand implements Callable<Integer> {
    enum Format { csv, jsonl, front, front_json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String name;

    @Option(names = "--format", defaultValue = "csv", description = "csv, jsonl, front or front_json (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "File to write (default: standard output); "
            + "an existing file only with --force, never the store or the journal.")
    Path output;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--force", description = "Replace FILE when it exists (never the store itself).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        ExportFile file = output == null ? null : new ExportFile(output, force).check(storeOptions.sqliteFile());
        try (Experiments experiments = Experiments.open(storeOptions)) {
            ExperimentView e = experiments.find(name);
            if (file != null && e instanceof JsonlExperiment j) {
                file.checkNot(j.journal().file(), "the journal of experiment " + name);
            }
            e.problem().ifPresent(p -> spec.commandLine().getErr().println("ladder: " + p));
            if (file == null) {
                Writer out = spec.commandLine().getOut();
                export(e, out);
                out.flush();
            } else {
                file.write(out -> export(e, out));
            }
        }
        return 0;
    }

    private void export(ExperimentView e, Writer out) throws IOException {
        if (format == Format.jsonl) {
            e.writeJournal(out);
        } else if (format == Format.front || format == Format.front_json) {
            ParetoFront f = FrontOf.of(e).orElseThrow(() -> new IllegalArgumentException("--format " + format
                    + ": experiment " + e.name() + " has one objective (" + e.header().metric().name() + "); a front needs several"));
            if (format == Format.front) {
                frontCsv(e, f, out);
            } else {
                DemoCommand.JSON.writerWithDefaultPrettyPrinter().writeValue(out, f);
            }
        } else {
            csv(e, out);
        }
    }

    private static void csv(ExperimentView e, Writer out) throws IOException {
        String metric = e.header().metric().name();
        Map<Integer, JsonNode> configs = new HashMap<>();
        Set<String> params = new LinkedHashSet<>();
        for (TrialRow t : e.trials()) {
            JsonNode c = DemoCommand.JSON.readTree(t.configJson());
            configs.put(t.trialId(), c);
            c.fieldNames().forEachRemaining(params::add);
        }
        List<ResultRow> results = e.results();
        List<JsonNode> metrics = new ArrayList<>(results.size());
        Set<String> metricNames = new LinkedHashSet<>(List.of(metric));
        for (ResultRow r : results) {
            JsonNode m = DemoCommand.JSON.readTree(r.metricsJson());
            metrics.add(m);
            List<String> names = new ArrayList<>();
            m.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(metricNames::add);
        }
        List<String> header = new ArrayList<>(List.of("trial", "resource", "seconds"));
        header.addAll(metricNames);
        header.addAll(params);
        out.write(String.join(",", header.stream().map(ExportCommand::quote).toList()) + "\n");
        for (int i = 0; i < results.size(); i++) {
            ResultRow r = results.get(i);
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.trialId()), Long.toString(r.resource()),
                    String.format(java.util.Locale.ROOT, "%.3f", r.timeS())));
            for (String m : metricNames) {
                row.add(metrics.get(i).has(m) ? metrics.get(i).get(m).asText() : "");
            }
            JsonNode c = configs.get(r.trialId());
            for (String p : params) {
                row.add(c != null && c.has(p) ? quote(c.get(p).asText()) : "");
            }
            out.write(String.join(",", row) + "\n");
        }
    }

    private static void frontCsv(ExperimentView e, ParetoFront f, Writer out) throws IOException {
        Map<Integer, String> configs = new HashMap<>();
        e.trials().forEach(t -> configs.put(t.trialId(), t.configJson()));
        out.write(String.join(",", List.of("trial", "resource", String.join(",", f.objectives().stream().map(ExportCommand::quote).toList()),
                "config")) + "\n");
        for (ParetoFront.Member m : f.members()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(m.trialId()), Long.toString(f.resource())));
            for (double v : m.values()) {
                row.add(Double.toString(v));
            }
            row.add(quote(configs.getOrDefault(m.trialId(), "")));
            out.write(String.join(",", row) + "\n");
        }
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
