package dev.ladder.cli;

import dev.ladder.cli.chaos.LadderJvm;
import dev.ladder.server.DashboardServer;
import dev.ladder.server.Launcher;
import dev.ladder.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves the web dashboard and its REST API over the store until interrupted. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the web dashboard of the store's experiments (live: curves grow as trials report) and its "
                + "JSON API under /api/v1 (docs/api.md). Listens on 127.0.0.1 unless --host says otherwise; another address "
                + "needs a token (--token, else one is generated and printed), which every API request must then carry. "
                + "Pause, resume, extend and stop act as ladder pause and ladder resume do; resume and extend start "
                + "ladder resume in a process of their own (its output in <out>/<name>/dashboard-resume.log).")
final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--port", defaultValue = "7070", description = "Port to listen on (0: any free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only); e.g. 0.0.0.0 for every address.")
    String host;

    @Option(names = "--token", description = "The token an exposed dashboard requires (default: a random one, printed).")
    String token;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not between 0 and 65535");
        }
        PrintWriter w = spec.commandLine().getOut();
        boolean generated = token == null && !DashboardServer.isLoopback(host);
        String t = generated ? DashboardServer.newToken() : token;
        boolean interrupted = false;
        try (Store store = storeOptions.openExisting();
             DashboardServer server = DashboardServer.start(store, new DashboardServer.Options(host, port, t, storeOptions.out,
                     launcher(), null))) {
            w.printf("Ladder dashboard of %s on %s%n", storeOptions.where(), server.url());
            if (generated) {
                w.printf("It listens beyond this machine: API requests need the token %s (the address above carries it).%n", t);
            }
            w.println("Stop it with Ctrl-C.");
            w.flush();
            CountDownLatch forever = new CountDownLatch(1);
            Thread main = Thread.currentThread();
            Thread hook = new Thread(main::interrupt, "ladder-dashboard-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                forever.await();
            } catch (InterruptedException stop) {
                interrupted = true; // the server closes first, then the flag is set again
            } finally {
                removeHook(hook);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
        }
    }

    /** Resumes (or extends) an experiment with {@code ladder resume} in a child JVM, as a user would from a shell. */
    private Launcher launcher() {
        return (name, maxTrials) -> {
            List<String> args = new ArrayList<>(List.of("resume", name, "--out", storeOptions.out.toAbsolutePath().toString()));
            if (storeOptions.storage != null) {
                args.addAll(List.of("--storage", storeOptions.storage));
            }
            if (maxTrials != null) {
                args.addAll(List.of("--max-trials", maxTrials.toString()));
            }
            Path log = storeOptions.out.resolve(name).resolve("dashboard-resume.log");
            Files.createDirectories(log.getParent());
            LadderJvm.start(log, args);
        };
    }
}
