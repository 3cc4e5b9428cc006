/**
 * Trials as operating-system processes: the process executor, the {@code LADDER_REPORT} line protocol,
 * command templates, checkpoints handed over by folder, signals, process trees and ownership, logs, and
 * {@link dev.ladder.process.LadderTrial} for trials written in Java.
 * May depend on ladder-core (the tuner's executor SPI) and Jackson; not on the store or the CLI.
 */
package dev.ladder.process;
