package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Slurm's states as squeue and sacct print them, and what Ladder makes of them. */
class SlurmJobStateTest {

    @Test
    void squeuesExitCodeIsAWaitStatus() {
        assertThat(SlurmJobState.fromSqueue("FAILED", "768")).isEqualTo(new SlurmJobState("FAILED", 3, 0));
        assertThat(SlurmJobState.fromSqueue("CANCELLED", "15")).isEqualTo(new SlurmJobState("CANCELLED", 0, 15));
        assertThat(SlurmJobState.fromSqueue("RUNNING", "")).isEqualTo(new SlurmJobState("RUNNING", 0, 0));
    }

    @Test
    void sacctsStateMayNameWhoCancelledAndItsExitCodeIsCodeColonSignal() {
        assertThat(SlurmJobState.fromSacct("CANCELLED by 1000", "0:15")).isEqualTo(new SlurmJobState("CANCELLED", 0, 15));
        assertThat(SlurmJobState.fromSacct("FAILED", "2:0")).isEqualTo(new SlurmJobState("FAILED", 2, 0));
    }

    @Test
    void preemptionNodeFailureAndAForgottenJobAreLostAndNotRunning() {
        for (String s : List.of("PREEMPTED", "NODE_FAIL", "BOOT_FAIL", "UNKNOWN")) {
            assertThat(new SlurmJobState(s, 0, 0).lost()).as(s).isTrue();
            assertThat(new SlurmJobState(s, 0, 0).ended()).as(s).isTrue();
        }
        for (String s : List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY")) {
            assertThat(new SlurmJobState(s, 0, 0).lost()).as(s).isFalse();
            assertThat(new SlurmJobState(s, 0, 0).ended()).as(s).isTrue();
        }
        assertThat(new SlurmJobState("COMPLETING", 0, 0).ended()).as("its processes are still being ended").isFalse();
        assertThat(new SlurmJobState("REQUEUED", 0, 0).waiting()).isTrue();
    }

    @Test
    void slurmOptionsBecomeSbatchArgumentsAndAnExtraArgumentMustBeAnOption() {
        assertThat(new SlurmOptions("gpu", "2:00:00", "ml", 4, "16G", "gpu:1", List.of("--qos=long")).sbatchArgs())
                .containsExactly("--partition=gpu", "--time=2:00:00", "--account=ml", "--cpus-per-task=4", "--mem=16G",
                        "--gres=gpu:1", "--qos=long");
        assertThat(SlurmOptions.DEFAULTS.sbatchArgs()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SlurmOptions(null, null, null, null, null, null, List.of("long")))
                .hasMessage("slurm extra argument 'long' is not an sbatch option (it must start with -)");
    }
}
