/**
 * The benchmark commands ({@code bench}, {@code bench-pasha}, {@code bench-rush}, {@code bench-stragglers},
 * {@code bench-fair-share}, {@code bench-parallel}, {@code bench-decisions}) and the flags all but the last share ({@link dev.ladder.cli.bench.BenchOptions}). They
 * parse flags and print or write what the harness of {@code ladder-benchmarks} computes; the studies, the
 * scoring and the plots live there. May depend on {@code ladder-benchmarks}, {@code ladder-sim},
 * {@code ladder-core} and picocli; nothing else of {@code dev.ladder.cli} depends on it except the command list
 * of {@link dev.ladder.cli.LadderCli}.
 */
package dev.ladder.cli.bench;
