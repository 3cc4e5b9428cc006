/**
 * The values every part of Ladder shares: a {@link dev.ladder.core.Config}, a {@link dev.ladder.core.Trial}
 * and its {@link dev.ladder.core.TrialStatus}, a reported {@link dev.ladder.core.Result} and the
 * {@link dev.ladder.core.Metric} that ranks results.
 * Depends on the JDK only; every other package may depend on it.
 */
package dev.ladder.core;
