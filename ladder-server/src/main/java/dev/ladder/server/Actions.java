package dev.ladder.server;

import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.JdbcStore;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's write actions, each through the path the command line takes, so that each ends up in the
 * journal like any other event: pause asks the running process ({@link StoreLog#requestPause}, as
 * {@code ladder pause}), which journals the pause; resume and extend start {@code ladder resume} (the
 * {@link Launcher}), which journals the resumed session; stop and stop-trial append, under the experiment's
 * lease once no process holds it, the events the tuner would (suspends and a finish; a trial's end).
 */
final class Actions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Actions.class);
    static final String BY = "stopped from the dashboard";
    /** How long a stop waits for the running process to pause before it gives up. */
    static final Duration PAUSE_WAIT = JdbcStore.DEFAULT_LEASE_TIMEOUT.plusSeconds(60);

    private final Store store;
    private final Launcher launcher;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ladder-dashboard-actions");
        t.setDaemon(true);
        return t;
    });

    Actions(Store store, Launcher launcher) {
        this.store = store;
        this.launcher = launcher;
    }

    private ExperimentRow row(String name) {
        return store.experiment(name).orElseThrow(() -> new NotFound("no experiment named '" + name + "' in " + store.location()));
    }

    Api.Message pause(String name) {
        ExperimentRow row = row(name);
        if (row.shownStatus() != ExperimentStatus.RUNNING) {
            throw new Conflict("experiment " + name + " is " + row.shownStatus() + ", not RUNNING: nothing to pause");
        }
        StoreLog.requestPause(store, name);
        return new Api.Message("asked " + name + " to pause; it shows PAUSED once its trials have saved");
    }

    Api.Message resume(String name, Integer maxTrials) {
        ExperimentRow row = row(name);
        if (row.held()) {
            throw new Conflict("experiment " + name + " is " + row.shownStatus() + " in process " + row.owner().orElse("?")
                    + (maxTrials == null ? ": nothing to resume" : ": pause it before extending it"));
        }
        if (launcher == null) {
            throw new Conflict("this dashboard cannot start processes: run ladder resume " + name
                    + (maxTrials == null ? "" : " --max-trials " + maxTrials));
        }
        int started = store.trials(row.id()).size();
        if (maxTrials != null && maxTrials <= started) {
            throw new IllegalArgumentException("trials: " + maxTrials + " is not above the " + started + " trials "
                    + name + " has started");
        }
        if (maxTrials == null && row.status() == ExperimentStatus.FINISHED) {
            throw new Conflict("experiment " + name + " is finished: extend it (more trials) instead");
        }
        try {
            launcher.resume(name, maxTrials);
        } catch (Exception e) {
            throw new Conflict("cannot start ladder resume " + name + ": " + e.getMessage());
        }
        return new Api.Message((maxTrials == null ? "resuming " + name : "extending " + name + " to " + maxTrials + " trials")
                + "; it shows RUNNING once its process has taken it over");
    }

    /** Ends experiment {@code name} for good; a running one is paused first, then ended once its process let go. */
    Api.Message stop(String name) {
        ExperimentRow row = row(name);
        if (row.status() == ExperimentStatus.FINISHED) {
            throw new Conflict("experiment " + name + " is finished already");
        }
        if (row.held()) {
            if (row.status() == ExperimentStatus.RUNNING) {
                StoreLog.requestPause(store, name);
            }
            background.submit(() -> finishOncePaused(name));
            return new Api.Message("asked " + name + " to pause; it is finished once its trials have saved");
        }
        finish(name);
        return new Api.Message(name + " is finished");
    }

    private void finishOncePaused(String name) {
        try {
            if (awaitLetGo(name) && row(name).status() != ExperimentStatus.FINISHED) {
                finish(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cannot finish experiment {}: {}", name, e.getMessage());
        }
    }

    private void finish(String name) {
        JournalAppender.append(store, name, state -> {
            List<JournalEvent> events = new ArrayList<>();
            for (Map.Entry<Integer, Long> job : state.openJobs().entrySet()) { // left by a process that died
                events.add(new JournalEvent.Suspend(job.getKey(), job.getValue(), BY, null));
            }
            events.add(new JournalEvent.Finish(new JournalEvent.Summary(BY, state.trials().size(), state.totalResource(),
                    state.best().map(b -> b.trialId()).orElse(null), state.best().map(b -> b.value()).orElse(null))));
            return events;
        });
    }

    /**
     * Stops trial {@code id}. A running experiment's trials are its process's to stop, so a running one is paused
     * first, the trial stopped once its process let go, and the experiment resumed (through the launcher; without
     * one, 409). Of an experiment at rest the trial is stopped at once.
     */
    Api.Message stopTrial(String name, int id) {
        ExperimentRow row = row(name);
        if (row.held()) {
            if (row.status() != ExperimentStatus.RUNNING || launcher == null) {
                throw new Conflict("experiment " + name + " is " + row.shownStatus() + " in process " + row.owner().orElse("?")
                        + ": pause it, then stop trial " + id);
            }
            check(store.trials(row.id()).stream().filter(t -> t.trialId() == id).findFirst().map(t -> t.status()).orElse(null), name, id);
            StoreLog.requestPause(store, name);
            background.submit(() -> stopTrialOncePaused(name, id));
            return new Api.Message("asked " + name + " to pause; trial " + id + " is stopped once its trials have saved, "
                    + "then " + name + " resumes");
        }
        endTrial(name, id);
        return new Api.Message("trial " + id + " of " + name + " is stopped");
    }

    private void stopTrialOncePaused(String name, int id) {
        try {
            if (awaitLetGo(name)) {
                endTrial(name, id);
                launcher.resume(name, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("cannot stop trial {} of experiment {}: {}", id, name, e.getMessage());
        }
    }

    private static void check(TrialStatus status, String name, int id) {
        if (status == null) {
            throw new NotFound("experiment " + name + " has no trial " + id);
        }
        if (status == TrialStatus.STOPPED || status == TrialStatus.COMPLETED || status == TrialStatus.FAILED) {
            throw new Conflict("trial " + id + " of " + name + " is " + status + " already");
        }
    }

    private void endTrial(String name, int id) {
        JournalAppender.append(store, name, state -> {
            Trial t = state.trials().get(id);
            check(t == null ? null : t.status(), name, id);
            JournalEvent.CheckpointRef keep = state.latestCheckpoint(id) // its checkpoint stays recorded
                    .map(c -> new JournalEvent.CheckpointRef(c.folder(), c.resource())).orElse(JournalEvent.CheckpointRef.NONE);
            return List.of(new JournalEvent.End(id, TrialStatus.STOPPED, t.lastResource(), BY, keep));
        });
    }

    /** Waits (at most {@link #PAUSE_WAIT}) until no process holds experiment {@code name}; false when one still does. */
    private boolean awaitLetGo(String name) throws InterruptedException {
        long deadline = System.nanoTime() + PAUSE_WAIT.toNanos();
        while (row(name).held() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        if (row(name).held()) {
            LOG.warn("experiment {} did not pause within {} s", name, PAUSE_WAIT.toSeconds());
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
