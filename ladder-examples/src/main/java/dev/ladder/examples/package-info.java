/**
 * Real workloads for the README, the tests and the benchmarks: XGBoost on the German credit data, as an
 * in-process objective and as a process trial, with the ARFF reader, splits and scores it needs; the DJL
 * ({@code djl}) and Tribuo ({@code tribuo}) integrations. May depend on ladder-core, ladder-process
 * ({@code LadderTrial}), XGBoost4J and (optionally, for their packages) DJL and Tribuo; not on the store or the CLI.
 */
package dev.ladder.examples;
