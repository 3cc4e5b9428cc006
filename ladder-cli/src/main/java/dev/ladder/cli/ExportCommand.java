package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.store.Event;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.ResultRow;
import dev.ladder.store.Store;
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
        description = "Export an experiment: --format csv writes one row per result (trial, resource, seconds, "
                + "metrics, config); --format jsonl writes the event journal, one event per line.")
final class ExportCommand implements Callable<Integer> {
    enum Format { csv, jsonl }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String name;

    @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "File to write (default: standard output); "
            + "an existing file only with --force, never the store.")
    Path output;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--force", description = "Replace FILE when it exists (never the store itself).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        ExportFile file = output == null ? null : new ExportFile(output, force).check(storeOptions.sqliteFile());
        try (Store store = storeOptions.openExisting()) {
            ExperimentRow e = StoreOptions.find(store, name, storeOptions.where());
            if (file == null) {
                Writer out = spec.commandLine().getOut();
                export(store, e, out);
                out.flush();
            } else {
                file.write(out -> export(store, e, out));
            }
        }
        return 0;
    }

    private void export(Store store, ExperimentRow e, Writer out) throws IOException {
        if (format == Format.jsonl) {
            for (long from = 1; ; ) {
                List<Event> page = store.events(e.id(), from, 10_000);
                for (Event ev : page) {
                    out.write(ev.body());
                    out.write('\n');
                }
                if (page.size() < 10_000) {
                    break;
                }
                from = page.get(page.size() - 1).seq() + 1;
            }
        } else {
            csv(store, e, out);
        }
    }

    private static void csv(Store store, ExperimentRow e, Writer out) throws IOException {
        String metric = ExperimentSummary.metricOf(e).name();
        Map<Integer, JsonNode> configs = new HashMap<>();
        Set<String> params = new LinkedHashSet<>();
        for (TrialRow t : store.trials(e.id())) {
            JsonNode c = DemoCommand.JSON.readTree(t.configJson());
            configs.put(t.trialId(), c);
            c.fieldNames().forEachRemaining(params::add);
        }
        List<ResultRow> results = store.results(e.id());
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

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
