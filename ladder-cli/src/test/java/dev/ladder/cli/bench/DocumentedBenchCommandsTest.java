package dev.ladder.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ladder.cli.LadderCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./ladder bench...} command in README.md and docs/ still parses with today's flags (they run
 * for minutes, so each command is run in small in {@link BenchCommandsTest}).
 */
class DocumentedBenchCommandsTest {

    @Test
    void everyDocumentedBenchCommandParses() throws IOException {
        List<String> commands = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        for (Path f : files) {
            commands.addAll(commands(Files.readString(f)));
        }
        assertThat(commands).as("documented bench commands").hasSizeGreaterThanOrEqualTo(8)
                .anyMatch(c -> c.startsWith("bench ")).anyMatch(c -> c.startsWith("bench-pasha"))
                .anyMatch(c -> c.startsWith("bench-rush")).anyMatch(c -> c.startsWith("bench-stragglers"))
                .anyMatch(c -> c.startsWith("bench-decisions"));
        for (String c : commands) {
            String[] args = c.trim().split("\\s+");
            assertThatCode(() -> LadderCli.commandLine().parseArgs(args)).as(c).doesNotThrowAnyException();
        }
    }

    /** The {@code ./ladder bench...} commands of a markdown text: continuation lines joined, comments dropped. */
    static List<String> commands(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf("./ladder bench");
            if (at < 0) {
                continue;
            }
            StringBuilder cmd = new StringBuilder(lines[i].substring(at + "./ladder ".length()));
            while (cmd.toString().stripTrailing().endsWith("\\") && i + 1 < lines.length) {
                String s = cmd.toString().stripTrailing();
                cmd.setLength(0);
                cmd.append(s, 0, s.length() - 1).append(' ').append(lines[++i]);
            }
            String c = cmd.toString();
            int hash = c.indexOf(" #");
            c = hash >= 0 ? c.substring(0, hash) : c;
            int tick = c.indexOf('`');
            c = tick >= 0 ? c.substring(0, tick) : c; // inline code in prose ends at the backtick
            out.add(c.trim());
        }
        return out;
    }
}
