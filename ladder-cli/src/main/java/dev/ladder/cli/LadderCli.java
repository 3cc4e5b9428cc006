package dev.ladder.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ladder} command. */
@Command(name = "ladder", mixinStandardHelpOptions = true, version = "Ladder 0.1.0",
        description = "Multi-fidelity hyperparameter search (ASHA and friends) for the JVM.",
        subcommands = {DemoCommand.class, RunCommand.class, ResumeCommand.class, PauseCommand.class, LsCommand.class, ShowCommand.class, ExportCommand.class, PreviewCommand.class, BenchCommand.class, StragglersCommand.class, RushCommand.class, PashaCommand.class, BenchDecisionsCommand.class, dev.ladder.cli.chaos.ChaosCommand.class, CommandLine.HelpCommand.class})
public final class LadderCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LadderCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ladder: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
