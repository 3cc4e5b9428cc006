package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.store.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every launcher of {@code ladder worker} gives the worker's JVM options ({@link Worker#JVM_OPTIONS}): the
 * {@code ladder} script and the Slurm array script here, the Kubernetes manifest in {@link KubernetesRecipeTest}.
 */
class WorkerLaunchersTest {
    private static final String OPTIONS = String.join(" ", Worker.JVM_OPTIONS);

    @Test
    void theLadderScriptStartsWorkersWithTheirJvmOptions() throws IOException {
        assertThat(Files.readString(Path.of("../ladder")))
                .contains("if [ \"${1:-}\" = worker ]; then\n  exec java " + OPTIONS + " -jar \"$jar\" \"$@\"");
    }

    @Test
    void theSlurmArrayScriptStartsWorkersWithTheirJvmOptions() throws IOException {
        assertThat(Files.readString(Path.of("../examples/slurm/workers.sbatch"))).contains("exec java " + OPTIONS + " -jar \"$LADDER_JAR\" worker");
    }
}
