package dev.ladder.server;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard at scale (docs/benchmarks.md): a real experiment of TRIALS trials (ASHA, rungs 9 and 27, eta 3,
 * eight worker threads, an objective that reports every epoch at once, so about 15 reports a trial) journaled
 * into a SQLite store under DIR; then the server's first read of it, every API call (median and worst of 20
 * after 3 warm-ups, and its size), and the experiment page's first paint in headless Chromium (the time from
 * navigation until every chart and the trials table are drawn, median of 5 after one warm-up).
 * Args: [TRIALS (10000)] [DIR (target/dashboard-bench)]; an existing experiment there is reused.
 */
public final class DashboardBench {
    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/dashboard-bench");
        Files.createDirectories(dir);
        String url = dir.resolve("ladder.db").toString();
        String name = "bench" + trials;
        try (Store store = Store.open(url)) {
            if (store.experiment(name).isEmpty()) {
                long t0 = System.nanoTime();
                run(store, dir, name, trials);
                System.out.printf(Locale.ROOT, "ran %s in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
            }
            ExperimentRow row = store.experiment(name).orElseThrow();
            System.out.printf(Locale.ROOT, "%s: %,d trials, %,d results, %,d events%n", name, store.trials(row.id()).size(),
                    store.results(row.id()).size(), store.lastSeq(row.id()));
            for (int i = 0; i < 3; i++) {
                long r0 = System.nanoTime();
                try (Catalog c = new Catalog(store, Duration.ofHours(1))) {
                    double s = (System.nanoTime() - r0) / 1e9;
                    System.out.printf(Locale.ROOT, "journal read into the dashboard's model: %.2f s (%,.0f events/s)%n", s,
                            store.lastSeq(row.id()) / s);
                    if (System.getProperty("profile") != null) {
                        for (int k = 0; k < 30; k++) {
                            long a = System.nanoTime();
                            Api.Curves cv = c.get(name).curves(200, 50);
                            long b = System.nanoTime();
                            String js = DashboardServer.write(cv);
                            long d = System.nanoTime();
                            c.get(name).trials(TrialFilter.parse(Map.of()), 0, 50);
                            long e = System.nanoTime();
                            System.out.printf(Locale.ROOT, "curves %.1f ms, json %.1f ms (%d), trials %.1f ms%n", (b - a) / 1e6, (d - b) / 1e6, js.length(), (e - d) / 1e6);
                        }
                    }
                }
            }
            long t0 = System.nanoTime();
            try (DashboardServer server = DashboardServer.start(store, DashboardServer.Options.local(0))) {
                System.out.printf(Locale.ROOT, "server started, journal read: %.2f s%n", (System.nanoTime() - t0) / 1e9);
                String base = "http://127.0.0.1:" + server.port();
                api(new Http(base), name, trials * 43 / 100);
                page(base, name);
            }
        }
    }

    private static void run(Store store, Path dir, String name, int trials) {
        Objective instant = (config, ctx) -> {
            double x = config.getDouble("x");
            for (long r = ctx.resumeFrom() + 1; r <= ctx.maxResource(); r++) {
                if (!ctx.report(r, Map.of("loss", (x - 0.3) * (x - 0.3) + 1.0 / r))) {
                    return;
                }
            }
        };
        StoreLog log = StoreLog.create(store, name, "{\"kind\":\"bench\"}", 1);
        Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(TestExperiment.SPACE, 1), Metric.minimize("loss"), 9, 27, 3))
                .objective(instant).workers(8).maxTrials(trials).log(log, dir.resolve(name).resolve("checkpoints"), name).run();
    }

    private static void api(Http http, String name, int trial) {
        String e = "/api/v1/experiments/" + name;
        List<String> calls = List.of("/api/v1/experiments", e, e + "/best", e + "/curves", e + "/rungs", e + "/parallel",
                e + "/trials", e + "/trials?sort=id&order=desc&offset=5000", e + "/trials?status=completed&q=script&sort=resource",
                e + "/trials/" + trial, "/api/v1/compare?names=" + name + "," + name);
        System.out.println("| call | median ms | worst ms | bytes |");
        System.out.println("|---|---:|---:|---:|");
        for (String c : calls) {
            for (int i = 0; i < 3; i++) {
                check(http.get(c), c);
            }
            double[] ms = new double[20];
            int bytes = 0;
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                Http.Answer a = http.get(c);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                check(a, c);
                bytes = a.body().length();
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "| `GET %s` | %.1f | %.1f | %,d |%n", c.replace(name, "NAME").replace("/trials/" + trial, "/trials/ID"), ms[ms.length / 2],
                    ms[ms.length - 1], bytes);
        }
    }

    private static void check(Http.Answer a, String call) {
        if (a.status() != 200) {
            throw new IllegalStateException(call + " answered " + a.status() + ": " + a.body());
        }
    }

    private static void page(String base, String name) {
        ChromeDriver browser = Browser.start();
        try {
            List<Double> painted = new ArrayList<>();
            List<Double> fcp = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                browser.get(base + "/experiment.html?name=" + name);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Object p = null;
                while (p == null && System.nanoTime() < deadline) {
                    p = browser.executeScript("return window.ladderPainted || null");
                }
                Object f = browser.executeScript("const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : null");
                if (i > 0) { // the first load warms the server's and the browser's caches
                    painted.add(((Number) p).doubleValue());
                    fcp.add(f == null ? Double.NaN : ((Number) f).doubleValue());
                }
            }
            painted.sort(null);
            fcp.sort(null);
            System.out.printf(Locale.ROOT, "experiment page: first contentful paint %.0f ms, everything drawn %.0f ms (median of 5; all: %s)%n",
                    fcp.get(2), painted.get(2), painted);
            Browser.screenshot(browser, "bench-experiment");
        } finally {
            browser.quit();
        }
    }
}
