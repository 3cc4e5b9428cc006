package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.ApiJavadoc;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every public type, method and constructor of {@code dev.ladder.sim}, an API package, has a javadoc comment. */
class SimApiJavadocTest {
    @Test
    void everyPublicTypeAndMethodIsDocumented() throws IOException {
        assertThat(ApiJavadoc.undocumented(Path.of("src/main/java/dev/ladder/sim"))).as("public API without javadoc").isEmpty();
    }
}
