/**
 * The tuner: its single-threaded event loop ({@link dev.ladder.core.tune.Tuner}), the executor SPI and the
 * in-process executor, the trial context, the journal's group-commit writer and its logs (JSON lines or
 * none), replay, checkpoint folders and their policy, the run folder, stop criteria, listeners and results.
 * May depend on {@code dev.ladder.core}, {@code dev.ladder.core.journal}, {@code dev.ladder.core.schedule},
 * {@code dev.ladder.core.pareto} (the result's front) and Jackson; never on other modules (a store plugs in as an
 * {@link dev.ladder.core.tune.EventLog}).
 */
package dev.ladder.core.tune;
