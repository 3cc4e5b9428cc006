package dev.ladder.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm on this machine for the tests (Debian's slurm-wlm and munge): when none
 * answers, it writes a minimal {@code /etc/slurm/slurm.conf} (this host, its real CPU count, one partition,
 * fast timers), creates the munge key if missing, starts munged, slurmctld and slurmd, and waits until
 * {@code sinfo} shows the node idle. Where that cannot be done (not root, the packages missing, a
 * slurm.conf that is not ours) the calling test is skipped, saying what is missing.
 */
public final class SlurmCluster {
    static final String MARKER = "# written by Ladder's test fixture (SlurmCluster); delete it to let it write another";
    static final Path CONF = Path.of("/etc/slurm/slurm.conf");
    static final Path HOME = Path.of("/var/spool/ladder-slurm-test");
    static final String PARTITION = "ladder";

    private static boolean up;

    private SlurmCluster() {
    }

    /** Makes sure the cluster runs (or skips the test) and returns the partition to submit to. */
    public static synchronized String ensureRunning() throws IOException, InterruptedException {
        if (up) {
            return PARTITION;
        }
        assumeTrue(Slurm.available(), "Slurm tests skipped: no sbatch on the PATH (apt-get install -y slurm-wlm munge)");
        assumeTrue("root".equals(System.getProperty("user.name")),
                "Slurm tests skipped: starting munged, slurmctld and slurmd needs root (running as " + System.getProperty("user.name") + ")");
        for (String daemon : List.of("/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd")) {
            assumeTrue(Files.isExecutable(Path.of(daemon)), "Slurm tests skipped: " + daemon + " is missing (apt-get install -y slurm-wlm munge)");
        }
        if (Files.exists(CONF) && !Files.readString(CONF).startsWith(MARKER)) {
            assumeTrue(false, "Slurm tests skipped: " + CONF + " exists and was not written by this fixture; "
                    + "the tests do not touch a cluster they did not configure");
        }
        String host = run("hostname", "-s").strip();
        String conf = config(host, Runtime.getRuntime().availableProcessors());
        boolean changed = !Files.exists(CONF) || !Files.readString(CONF).equals(conf);
        if (changed) {
            Files.createDirectories(CONF.getParent());
            Files.writeString(CONF, conf);
        }
        for (String d : List.of("state", "spool", "log")) {
            Files.createDirectories(HOME.resolve(d));
        }
        startMunge();
        for (String daemon : List.of("slurmctld", "slurmd")) {
            Path pidFile = HOME.resolve(daemon + ".pid");
            java.util.Optional<ProcessHandle> running = Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).filter(ProcessHandle::isAlive)
                            .filter(h -> h.info().command().map(c -> c.endsWith("/" + daemon)).orElse(false))
                    : java.util.Optional.empty();
            if (running.isPresent() && changed) { // a daemon of the fixture's earlier configuration
                running.get().destroy();
                awaitTrue("the old " + daemon + " to exit", Duration.ofSeconds(20), () -> !running.get().isAlive());
            }
            if (running.isEmpty() || changed) {
                run("/usr/sbin/" + daemon);
            }
        }
        awaitTrue("sinfo to show node " + host + " idle (logs in " + HOME.resolve("log") + ")", Duration.ofSeconds(60), () -> {
            String state = run("sinfo", "--noheader", "--Node", "--format=%T").strip();
            if (state.startsWith("down") || state.startsWith("drain")) {
                run("scontrol", "update", "nodename=" + host, "state=resume");
            }
            return state.equals("idle") || state.equals("mixed") || state.equals("allocated");
        });
        up = true;
        return PARTITION;
    }

    /**
     * One node (this host) in one partition; no cgroups (proctrack/linuxproc, task/none) so that it runs in a
     * container; the scheduler runs every second (its least interval) besides at submissions; KillWait 2 s so that scancel ends a job quickly; a
     * finished job stays in squeue for 5 minutes (MinJobAge), since there is no accounting database for sacct.
     */
    static String config(String host, int cpus) {
        return MARKER + "\n" + String.join("\n",
                "ClusterName=ladder-test",
                "SlurmctldHost=" + host,
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                "StateSaveLocation=" + HOME.resolve("state"),
                "SlurmdSpoolDir=" + HOME.resolve("spool"),
                "SlurmctldPidFile=" + HOME.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + HOME.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + HOME.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + HOME.resolve("log/slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "ReturnToService=2",
                "SchedulerType=sched/builtin",
                "SchedulerParameters=sched_min_interval=0,sched_interval=1",
                "MessageTimeout=10",
                "KillWait=2",
                "MinJobAge=300",
                "InactiveLimit=0",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "JobCompType=jobcomp/none",
                "MpiDefault=none",
                "NodeName=" + host + " CPUs=" + cpus + " RealMemory=1000 State=UNKNOWN",
                "PartitionName=" + PARTITION + " Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP") + "\n";
    }

    /** munged with Debian's key (created when missing), unless one answers already. */
    private static void startMunge() throws IOException, InterruptedException {
        if (code("munge", "-n") == 0) {
            return;
        }
        Path key = Path.of("/etc/munge/munge.key");
        if (!Files.exists(key)) {
            Files.createDirectories(key.getParent());
            byte[] bytes = new byte[1024];
            new SecureRandom().nextBytes(bytes);
            Files.write(key, bytes);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        }
        Files.createDirectories(Path.of("/run/munge"));
        run("/usr/sbin/munged", "--force"); // as root: Debian's folders belong to user munge
        awaitTrue("munged to answer", Duration.ofSeconds(20), () -> code("munge", "-n") == 0);
    }

    /** Runs a command to its end and returns its stdout ("" when it cannot run). */
    public static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int code(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The Slurm job ids of the trial whose log folder is {@code logs}, in the order they were submitted. */
    public static List<String> jobIds(Path logs) throws IOException {
        List<String> ids = new ArrayList<>();
        Path err = logs.resolve("stderr.log");
        if (!Files.exists(err)) {
            return ids;
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(": Slurm job (\\d+): ");
        for (String line : Files.readAllLines(err)) {
            java.util.regex.Matcher m = p.matcher(line);
            if (line.startsWith("[ladder") && m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** The state squeue shows for job {@code id} (finished jobs stay listed for MinJobAge). */
    public static String state(String id) {
        return run("squeue", "--noheader", "--states=all", "--jobs=" + id, "--format=%T").strip();
    }

    private static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        OrphanedTrialsTest.await(what, timeout, condition);
    }
}
