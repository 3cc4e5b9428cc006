package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.process.SlurmCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ladder run examples/slurm/experiment.yaml} as documented, on a real single-node Slurm
 * ({@link SlurmCluster}; skipped with the reason where this machine cannot run one).
 */
class SlurmRunCommandTest {

    /** Per test rather than per class, so that a skipped test is reported with the reason. */
    @BeforeEach
    void cluster() throws Exception {
        SlurmCluster.ensureRunning();
    }

    @Test
    void theSlurmExampleRunsEveryTrialJobAsASlurmJob(@TempDir Path out) throws Exception {
        Run r = ladder("run", "../examples/slurm/experiment.yaml", "--out", out.toString());

        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("Trials: 9 started;").contains(" 0 failed").contains("Best trial: #");
        Path logs = out.resolve("quadratic-slurm/logs/trial-0");
        List<String> ids = SlurmCluster.jobIds(logs);
        assertThat(ids).isNotEmpty();
        assertThat(SlurmCluster.state(ids.get(0))).isEqualTo("COMPLETED");
        assertThat(logs.resolve("slurm-" + ids.get(0) + ".out")).content().contains("LADDER_REPORT {\"epoch\": 1,");
        assertThat(Files.readString(logs.resolve("stdout.log"))).contains("LADDER_REPORT {\"epoch\": 1,");
    }
}
