/**
 * Simulated time: the discrete-event {@link dev.ladder.sim.SimulatedExecutor} (N workers, stragglers,
 * dropped jobs), the {@link dev.ladder.sim.Blackbox} SPI that benchmarks implement, and the synthetic
 * blackbox. May depend on ladder-core (including the tuner's executor SPI); not on the store, processes
 * or benchmarks.
 */
package dev.ladder.sim;
