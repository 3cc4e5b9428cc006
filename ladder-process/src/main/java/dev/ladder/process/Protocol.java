package dev.ladder.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The process protocol's pieces that every executor of trial programs shares (a local process, a Slurm
 * job): the {@code LADDER_*} environment, one report handed to the tuner at a time, and the wording of
 * failures. See {@code docs/process-trials.md}.
 */
final class Protocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Protocol() {
    }

    /** The {@code LADDER_*} variables of {@code job} ({@code LADDER_OWNER} aside: only a local process has this JVM as owner). */
    static Map<String, String> environment(Job job, String resourceName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LADDER_TRIAL_ID", Integer.toString(job.trialId()));
        env.put("LADDER_CONFIG", json(job.config().asMap()));
        env.put("LADDER_CHECKPOINT_DIR", job.checkpointDir().toAbsolutePath().toString());
        env.put("LADDER_RESUME_FROM", Long.toString(job.resumeFrom()));
        env.put("LADDER_MAX_RESOURCE", Long.toString(job.maxResource()));
        env.put("LADDER_RESOURCE_NAME", resourceName);
        env.put(Owner.EXPERIMENT_VARIABLE, Owner.experimentKey(ProcessExecutor.checkpointRoot(job)));
        return env;
    }

    /** Posts {@code report} and waits for the tuner's answer: true to go on, false to end the job. */
    static boolean ask(Consumer<TrialEvent> post, int trialId, ReportLine report) throws InterruptedException {
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        post.accept(new TrialEvent.Reported(trialId, report.resource(), report.metrics(), reply::complete));
        try {
            return reply.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static String malformed(String who, String line, String why) {
        return who + ": malformed report line '" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + "': " + why;
    }

    /** {@code "; last stderr lines: a | b"}, or that there were none. */
    static String lastLines(TrialLogs logs) {
        List<String> last = logs.lastErrLines();
        return last.isEmpty() ? "; no stderr output" : "; last stderr lines: " + String.join(" | ", last);
    }

    /** The signal an exit code above 128 stands for, as {@code " (signal 9)"}; empty otherwise. */
    static String signal(int code) {
        return code > 128 && code < 160 ? " (signal " + (code - 128) + ")" : "";
    }

    private static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
