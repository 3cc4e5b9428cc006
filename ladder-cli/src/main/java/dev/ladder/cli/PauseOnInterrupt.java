package dev.ladder.cli;

import dev.ladder.core.tune.Tuner;
import java.io.PrintStream;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C pauses the experiment cleanly (running trials save their checkpoints and pause, the journal
 * is closed, the lease released); a second Ctrl-C quits at once, which resume also survives.
 */
final class PauseOnInterrupt implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private final SignalHandler previous;
    private volatile boolean asked;

    PauseOnInterrupt(Tuner tuner, String name, PrintStream out) {
        previous = Signal.handle(INT, sig -> {
            if (asked) {
                out.println("\nQuitting now; resume later with: ladder resume " + name);
                Runtime.getRuntime().halt(130);
            }
            asked = true;
            out.println("\nPausing " + name + ": running trials save their checkpoints at their next report"
                    + " (Ctrl-C again to quit at once)");
            tuner.pause();
        });
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
