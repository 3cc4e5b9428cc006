package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.PriorTrial;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.space.SearchSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prior data for a warm start: the trials of an earlier experiment (its journal, excluded trials left out)
 * or of a CSV, with their results, named by {@code source} and identified by the SHA-256 of their content
 * as the journal encodes it, so a resumed run knows whether it has seen them.
 */
public record PriorData(String source, String sha256, List<PriorTrial> trials) {

    /** Copies the trials. */
    public PriorData {
        trials = List.copyOf(trials);
    }

    /** {@code trials} from {@code source}, hashed. */
    public static PriorData of(String source, List<PriorTrial> trials) {
        String body = JournalCodec.encode(new JournalEntry(0, Instant.EPOCH, new JournalEvent.Prior("", "", trials)));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return new PriorData(source, HexFormat.of().formatHex(hash), trials);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The trials of an earlier experiment from its journal's events, in trial order: each trial's config and
     * its results; trials the journal excludes are left out.
     */
    public static PriorData fromEvents(String source, Iterable<JournalEvent> events) {
        Map<Integer, Config> configs = new TreeMap<>();
        Map<Integer, List<PriorTrial.Point>> results = new LinkedHashMap<>();
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.Start s) {
                configs.put(s.trialId(), s.config());
            } else if (e instanceof JournalEvent.Result r) {
                results.computeIfAbsent(r.trialId(), k -> new ArrayList<>()).add(new PriorTrial.Point(r.resource(), r.metrics()));
            } else if (e instanceof JournalEvent.Exclude x) {
                configs.remove(x.trialId());
            }
        }
        List<PriorTrial> trials = new ArrayList<>();
        configs.forEach((id, c) -> {
            List<PriorTrial.Point> points = results.getOrDefault(id, List.of());
            if (!points.isEmpty()) {
                trials.add(new PriorTrial(c, points));
            }
        });
        return of(source, trials);
    }

    /** The JSON-lines journal {@code eventsFile} of an earlier experiment; see {@link #fromEvents}. */
    public static PriorData fromJournal(Path eventsFile) {
        if (!Files.isRegularFile(eventsFile)) {
            throw new IllegalArgumentException("prior data: no journal at " + eventsFile);
        }
        List<JournalEvent> events = new ArrayList<>();
        try (EventLog log = EventLog.jsonl(eventsFile)) {
            log.read(entry -> events.add(entry.event()));
        }
        return fromEvents(eventsFile.toString(), events);
    }

    /**
     * A CSV with a header: columns named as {@code space}'s parameters make the config, {@code resourceColumn}
     * the resource, a {@code trial} column (if any) groups rows into trials (else each row is a trial), and
     * every other numeric column is a metric ({@code seconds} excepted). A results.csv of Ladder reads as is.
     * Each config is checked against {@code space}, naming the row.
     */
    public static PriorData fromCsv(Path file, SearchSpace space, String resourceColumn) {
        List<List<String>> rows;
        try {
            rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("prior data: cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("prior data: " + file + " is empty (it needs a header line)");
        }
        List<String> header = rows.get(0);
        int resource = header.indexOf(resourceColumn);
        if (resource < 0) {
            throw new IllegalArgumentException("prior data: " + file + " has no resource column '" + resourceColumn
                    + "' (its columns: " + header + ")");
        }
        int trial = header.indexOf("trial");
        Map<String, List<PriorTrial.Point>> points = new LinkedHashMap<>();
        Map<String, Config> configs = new LinkedHashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("prior data: " + where + " has " + row.size() + " fields, the header " + header.size());
            }
            Map<String, Object> values = new LinkedHashMap<>();
            Map<String, Double> metrics = new TreeMap<>();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                if (space.domains().containsKey(name)) {
                    values.put(name, WarmStart.value(row.get(c)));
                } else if (c != resource && c != trial && !name.equals("seconds") && WarmStart.value(row.get(c)) instanceof Number n) {
                    metrics.put(name, n.doubleValue());
                }
            }
            Config config = WarmStart.checked(space, Config.of(values), where);
            long r;
            try {
                r = Math.round(Double.parseDouble(row.get(resource)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prior data: " + where + ": resource '" + row.get(resource) + "' is not a number");
            }
            String key = trial >= 0 ? row.get(trial) : "row " + i;
            configs.putIfAbsent(key, config);
            points.computeIfAbsent(key, k -> new ArrayList<>()).add(new PriorTrial.Point(r, metrics));
        }
        List<PriorTrial> trials = new ArrayList<>();
        configs.forEach((k, c) -> trials.add(new PriorTrial(c, points.get(k))));
        return of(file.toString(), trials);
    }

    /** The best configurations of the prior data by {@code metric}: at most {@code n}, at the highest resource first. */
    public List<Config> best(dev.ladder.core.Metric metric, int n) {
        List<PriorTrial> ranked = new ArrayList<>(trials.stream().filter(t -> t.last() != null
                && t.last().metrics().containsKey(metric.name())).toList());
        ranked.sort((a, b) -> {
            int byResource = Long.compare(b.last().resource(), a.last().resource());
            return byResource != 0 ? byResource
                    : Double.compare(metric.loss(a.last().metrics().get(metric.name())), metric.loss(b.last().metrics().get(metric.name())));
        });
        return ranked.stream().limit(n).map(PriorTrial::config).toList();
    }
}
