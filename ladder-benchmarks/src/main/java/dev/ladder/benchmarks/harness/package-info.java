/**
 * The comparison harness: runs schedulers over blackboxes in simulated time for many seeds (the
 * straggler, PASHA and RUSH studies), and writes the summary tables and plots.
 * May depend on ladder-core, ladder-sim and {@code dev.ladder.benchmarks.blackbox}; not on the store or the CLI.
 */
package dev.ladder.benchmarks.harness;
