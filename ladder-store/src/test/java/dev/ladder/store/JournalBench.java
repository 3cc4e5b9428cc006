package dev.ladder.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: writes 10^5 journal events in groups of 8 (one transaction per group) and reads
 * them back, printing events/s on a temporary SQLite file and on embedded PostgreSQL.
 * Run from the test classpath: {@code java -cp <test classpath> dev.ladder.store.JournalBench [events]}.
 */
public final class JournalBench {
    private static final int GROUP = 8;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("ladder-bench");
        jsonl(dir.resolve("events.jsonl"), n);
        run("sqlite", dir.resolve("ladder-runs").toString(), n);
        try (TestPostgres pg = TestPostgres.start()) {
            run("postgresql", pg.freshDatabase("bench"), n);
        }
    }

    /** The JSON-lines journal ({@code output(dir, name)}): each group appended and forced to the disk. */
    private static void jsonl(Path file, int n) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (dev.ladder.core.tune.EventLog log = dev.ladder.core.tune.EventLog.jsonl(file)) {
            long t0 = System.nanoTime();
            for (long seq = 1; seq <= n; seq += GROUP) {
                List<com.fasterxml.jackson.databind.node.ObjectNode> group = new ArrayList<>(GROUP);
                for (long s = seq; s < seq + GROUP && s <= n; s++) {
                    group.add(json.createObjectNode().put("seq", s).put("type", "report").put("trial", s % 64)
                            .put("resource", s).put("loss", 0.125));
                }
                log.commit(group);
            }
            double write = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-10s write %,d events in groups of %d: %.2f s = %,.0f events/s (%,.0f groups/s)%n",
                    "jsonl", n, GROUP, write, n / write, n / GROUP / write);
        }
    }

    private static void run(String name, String location, int n) {
        try (Store store = Store.open(location)) {
            long id = store.createExperiment("bench", "{}", 1);
            long t0 = System.nanoTime();
            for (long seq = 1; seq <= n; seq += GROUP) {
                List<Event> group = new ArrayList<>(GROUP);
                for (long s = seq; s < seq + GROUP && s <= n; s++) {
                    group.add(new Event(s, "report", "{\"trial\":" + (s % 64) + ",\"resource\":" + s + ",\"loss\":0.125}"));
                }
                store.append(id, group);
            }
            double write = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            int read = store.events(id, 1).size();
            double readS = (System.nanoTime() - t1) / 1e9;
            if (read != n) {
                throw new IllegalStateException("read " + read + " events, wrote " + n);
            }
            System.out.printf("%-10s write %,d events in groups of %d: %.2f s = %,.0f events/s (%,.0f groups/s);"
                            + " read: %.3f s = %,.0f events/s%n", name, n, GROUP, write, n / write, n / GROUP / write,
                    readS, n / readS);
        }
    }
}
