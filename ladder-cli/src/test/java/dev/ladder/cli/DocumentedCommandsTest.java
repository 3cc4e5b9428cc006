package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./ladder ...} command in README.md and docs/ still parses with today's flags and values
 * (the quick start and the examples also run in their own tests; the bench commands run for minutes,
 * so each is run in small in {@code BenchCommandsTest}).
 */
class DocumentedCommandsTest {

    @Test
    void everyDocumentedCommandParses() throws IOException {
        List<String> commands = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        for (Path f : files) {
            commands.addAll(commands(Files.readString(f)));
        }
        assertThat(commands).as("documented commands").hasSizeGreaterThanOrEqualTo(30)
                .anyMatch(c -> c.startsWith("demo")).anyMatch(c -> c.startsWith("run ")).anyMatch(c -> c.startsWith("resume "))
                .anyMatch(c -> c.startsWith("bench ")).anyMatch(c -> c.startsWith("bench-pasha"))
                .anyMatch(c -> c.startsWith("bench-rush")).anyMatch(c -> c.startsWith("bench-stragglers"))
                .anyMatch(c -> c.startsWith("bench-decisions"));
        List<String> failures = new ArrayList<>();
        for (String c : commands) {
            try {
                LadderCli.commandLine().parseArgs(c.trim().split("\\s+"));
            } catch (RuntimeException e) {
                failures.add(c + "  ->  " + e.getMessage());
            }
        }
        assertThat(failures).as("documented commands that do not parse").isEmpty();
    }

    /** The {@code ./ladder ...} commands of a markdown text: continuation lines joined, comments dropped. */
    static List<String> commands(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            int at = lines[i].indexOf("./ladder ");
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
            if (!c.trim().startsWith("...")) { // "./ladder ..." in prose stands for any command
                out.add(c.trim());
            }
        }
        return out;
    }
}
