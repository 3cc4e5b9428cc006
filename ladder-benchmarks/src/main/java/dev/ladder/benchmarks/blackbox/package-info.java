/**
 * Benchmark blackboxes read from files: tabular benchmarks (FCNet, NAS-Bench-201, HPOBench grids) and
 * the LCBench surrogate run through ONNX Runtime, each a {@link dev.ladder.sim.Blackbox}.
 * May depend on ladder-core's values and spaces, ladder-sim's Blackbox and ONNX Runtime; not on schedulers.
 */
package dev.ladder.benchmarks.blackbox;
