/**
 * The decision benchmark: the synthetic workload {@code peers-mf-curves-v1}, a one-worker driver that
 * times every scheduler decision over it, latency histograms and heap probes.
 * May depend on ladder-core only; the harness and blackboxes live in the subpackages.
 */
package dev.ladder.benchmarks;
