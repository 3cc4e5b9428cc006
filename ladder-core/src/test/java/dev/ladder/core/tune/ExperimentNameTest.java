package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"credit", "demo-20261126-091921", "run_2.b", "A", "-x", "a..b"})
    void plainNamesPass(String name) {
        assertThat(ExperimentName.check(name)).isEqualTo(name);
        assertThat(ExperimentName.check("n".repeat(100))).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", ".hidden", "a/b", "a\\b", "", " ", "two words", "tab\there", "é"})
    void namesThatEscapeTheirFolderOrAreNotPlainAreRefused(String name) {
        assertThatThrownBy(() -> ExperimentName.check(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not allowed: use " + ExperimentName.RULE);
    }

    @Test
    void theMessageNamesTheBadNameOnOneLine() {
        assertThatThrownBy(() -> ExperimentName.check("..")).hasMessage("experiment name '..' is not allowed: use "
                + "1 to 100 characters: letters, digits, '.', '_' or '-', not starting with '.'");
        assertThatThrownBy(() -> ExperimentName.check("a\nb")).hasMessageStartingWith("experiment name 'a\\nb' is not allowed")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ExperimentName.check("x".repeat(101))).hasMessageContaining("(101 characters)");
        assertThatThrownBy(() -> ExperimentName.check(null)).hasMessageStartingWith("experiment name null is not allowed");
    }

    @Test
    void theTunerRefusesABadNameBeforeWritingAnything(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        for (String bad : new String[] {"..", ".hidden", "a/b", "y".repeat(300), "a\nb"}) {
            assertThatThrownBy(() -> Tuner.builder().output(out, bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not allowed");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
