package dev.ladder.cli;

import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.PriorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prior data for a warm start from what a spec's {@code prior:} or {@code --prior} names: a CSV file, a
 * JSON-lines journal, a run folder holding one, or the name of an earlier experiment (in the store or under
 * --out). Its configurations are checked against the new experiment's space.
 */
final class Priors {
    private Priors() {
    }

    static PriorData load(String source, StoreOptions where, SearchSpace space, String resourceName) {
        Path path = Path.of(source);
        PriorData prior;
        if (Files.isRegularFile(path) && path.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            String header = firstLine(path);
            prior = PriorData.fromCsv(path, space, List.of(header.split(",")).contains("resource") ? "resource" : resourceName);
        } else if (Files.isRegularFile(path)) {
            prior = PriorData.fromJournal(path);
        } else if (Files.isDirectory(path)) {
            prior = PriorData.fromJournal(path.resolve(Experiments.JOURNAL));
        } else {
            List<JournalEvent> events = new ArrayList<>();
            try (Experiments experiments = Experiments.open(where)) {
                experiments.find(source).readJournal(e -> events.add(e.event()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prior '" + source + "' is neither a file, a run folder nor an experiment: " + e.getMessage(), e);
            }
            prior = PriorData.fromEvents(source, events);
        }
        for (int i = 0; i < prior.trials().size(); i++) {
            try {
                space.validate(prior.trials().get(i).config());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("prior " + source + ": trial " + (i + 1) + " of " + prior.trials().size()
                        + " " + prior.trials().get(i).config() + " does not fit this experiment's space: " + e.getMessage(), e);
            }
        }
        return prior;
    }

    private static String firstLine(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElse("");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("prior: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
