package dev.ladder.cli.bench;

import dev.ladder.cli.LadderCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code ladder} command in this JVM and keeps what it printed. */
final class BenchCli {
    record Run(int code, String out, String err) {
    }

    private BenchCli() {
    }

    static Run ladder(String... args) {
        CommandLine cl = LadderCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
