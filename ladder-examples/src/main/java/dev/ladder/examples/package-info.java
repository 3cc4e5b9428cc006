/**
 * Real workloads for the README, the tests and the benchmarks: XGBoost on the German credit data, as an
 * in-process objective and as a process trial, with the ARFF reader, splits and scores it needs.
 * May depend on ladder-core, ladder-process ({@code LadderTrial}) and XGBoost4J; not on the store or the CLI.
 */
package dev.ladder.examples;
