/**
 * Several objectives: non-dominated sorting, crowding distance, the ranking MO-ASHA promotes by, the Pareto
 * front and its hypervolume. Every point is a vector of losses (smaller is better in each objective).
 * May depend on {@code dev.ladder.core} (the metric) only; never on schedulers, the tuner or the clock.
 */
package dev.ladder.core.pareto;
