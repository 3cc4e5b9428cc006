/**
 * Schedulers: deterministic state machines that answer {@code suggest} and {@code onResult} (FIFO, SHA,
 * Hyperband, ASHA, asynchronous Hyperband, adaptive, median rule, RUSH, PASHA, MO-ASHA); the asynchronous
 * single-objective ones share the rung engine {@link dev.ladder.core.schedule.RungScheduler}. Sources are cited by title and
 * section; "the thesis" is L. Li, "Towards Efficient Automated Machine Learning", CMU, 2020.
 * May depend on {@code dev.ladder.core}, {@code dev.ladder.core.search}, {@code dev.ladder.core.pareto} and Jackson (the RUSH task store
 * file); never on the tuner, executors or storage, and never on the clock.
 */
package dev.ladder.core.schedule;
