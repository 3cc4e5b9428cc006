package dev.ladder.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every trial's {@code sbatch} asks of Slurm: partition, time limit, account, CPUs per task, memory,
 * generic resources (GPUs) and any further sbatch options verbatim. A null field leaves Slurm's default.
 *
 * @param time a Slurm time limit such as {@code 30}, {@code 2:00:00} or {@code 1-12:00:00}
 * @param mem memory per node such as {@code 4G}
 * @param gres generic resources such as {@code gpu:1}
 * @param extraArgs further {@code sbatch} options, each one argument (e.g. {@code --qos=long})
 */
public record SlurmOptions(String partition, String time, String account, Integer cpusPerTask, String mem, String gres,
                           List<String> extraArgs) {
    public static final SlurmOptions DEFAULTS = new SlurmOptions(null, null, null, null, null, null, List.of());

    /** Rejects {@code cpusPerTask} below 1 and an extra argument that is not an option (not starting with -); null fields are left out of sbatch. */
    public SlurmOptions {
        extraArgs = List.copyOf(Objects.requireNonNullElse(extraArgs, List.of()));
        if (cpusPerTask != null && cpusPerTask < 1) {
            throw new IllegalArgumentException("slurm cpus_per_task must be at least 1, got " + cpusPerTask);
        }
        for (String a : extraArgs) {
            if (!a.startsWith("-")) {
                throw new IllegalArgumentException("slurm extra argument '" + a + "' is not an sbatch option (it must start with -)");
            }
        }
    }

    /** The sbatch options these settings stand for. */
    List<String> sbatchArgs() {
        List<String> args = new ArrayList<>();
        add(args, "--partition", partition);
        add(args, "--time", time);
        add(args, "--account", account);
        add(args, "--cpus-per-task", cpusPerTask == null ? null : cpusPerTask.toString());
        add(args, "--mem", mem);
        add(args, "--gres", gres);
        args.addAll(extraArgs);
        return args;
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option + "=" + value);
        }
    }
}
