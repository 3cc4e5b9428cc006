package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.ApiJavadoc;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every public type, method and constructor of {@code dev.ladder.store}, an API package, has a javadoc comment. */
class StoreApiJavadocTest {
    @Test
    void everyPublicTypeAndMethodIsDocumented() throws IOException {
        assertThat(ApiJavadoc.undocumented(Path.of("src/main/java/dev/ladder/store"))).as("public API without javadoc").isEmpty();
    }
}
