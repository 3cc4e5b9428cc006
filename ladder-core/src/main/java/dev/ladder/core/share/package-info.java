/**
 * Sharing slots (workers, GPUs) between experiments and within a trial, after L. Li, "Towards Efficient
 * Automated Machine Learning", PhD thesis, CMU, 2020 (CMU-ML-20-104), sections 3.5.2 and 3.5.3:
 * {@link dev.ladder.core.share.FairShare} (weighted water-filling over the experiments' demands),
 * {@link dev.ladder.core.share.AshaDemand} (an ASHA experiment's demand, kappa |S|) and
 * {@link dev.ladder.core.share.ParallelTraining} (how many slots one job gets). Pure functions of their
 * arguments: no clock, no randomness, no state between calls.
 * May depend on {@code dev.ladder.core.schedule} (the pending work of a rung scheduler) and the JDK; never on
 * the tuner, executors or storage.
 */
package dev.ladder.core.share;
