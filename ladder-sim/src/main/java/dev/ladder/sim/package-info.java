/**
 * Simulated time: the discrete-event {@link dev.ladder.sim.SimulatedExecutor} (N workers, stragglers,
 * dropped jobs), the {@link dev.ladder.sim.Blackbox} SPI that benchmarks implement, the synthetic
 * blackbox, and {@link dev.ladder.sim.SharedPool}, several experiments sharing one pool of slots.
 * May depend on ladder-core (including the tuner's executor SPI and the fair share of
 * {@code dev.ladder.core.share}); not on the store, processes or benchmarks.
 */
package dev.ladder.sim;
