package dev.ladder.cli;

import dev.ladder.store.StoreLocation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ladder} command. */
@Command(name = "ladder", mixinStandardHelpOptions = true, version = "Ladder 0.1.0",
        description = "Multi-fidelity hyperparameter search (ASHA and friends) for the JVM.",
        subcommands = {DemoCommand.class, RunCommand.class, ResumeCommand.class, WorkerCommand.class, PauseCommand.class, ExcludeCommand.class, DashboardCommand.class, LsCommand.class, ShowCommand.class, ExportCommand.class, WhyCommand.class, PlotCommand.class, PreviewCommand.class, dev.ladder.cli.bench.BenchCommand.class, dev.ladder.cli.bench.StragglersCommand.class, dev.ladder.cli.bench.RushCommand.class, dev.ladder.cli.bench.PashaCommand.class, dev.ladder.cli.bench.BenchDecisionsCommand.class, dev.ladder.cli.bench.FairShareCommand.class, dev.ladder.cli.bench.ParallelTrainingCommand.class, dev.ladder.cli.bench.ModelBasedCommand.class, dev.ladder.cli.bench.MultiObjectiveCommand.class, dev.ladder.cli.chaos.ChaosCommand.class, CommandLine.HelpCommand.class})
public final class LadderCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Ladder's error handlers; public for the tests of the command packages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LadderCli());
        for (CommandLine sub : cl.getSubcommands().values()) { // the registry's parameters as flags
            sub.getCommandSpec().mixins().values().stream().map(m -> m.userObject())
                    .filter(o -> o instanceof SchedulerOptions).findFirst()
                    .ifPresent(o -> SchedulerOptions.addParameterFlags(sub.getCommandSpec(), (SchedulerOptions) o));
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("ladder: " + StoreLocation.masked(e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        CommandLine.IParameterExceptionHandler picocli = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, args) -> {
            String hint = unknownCommand(e);
            if (hint == null) {
                return picocli.handleParseException(e, args);
            }
            e.getCommandLine().getErr().println("ladder: " + hint);
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    /** "unknown command 'resum'; did you mean 'resume'?" when the first word names no command, else null. */
    static String unknownCommand(CommandLine.ParameterException e) {
        CommandLine top = e.getCommandLine();
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || top.getParent() != null
                || u.getUnmatched().isEmpty() || u.getUnmatched().get(0).startsWith("-")) {
            return null;
        }
        String word = u.getUnmatched().get(0);
        String near = Nearest.of(word, top.getSubcommands().keySet());
        return "unknown command '" + word + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                + " (ladder --help lists the commands)";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
