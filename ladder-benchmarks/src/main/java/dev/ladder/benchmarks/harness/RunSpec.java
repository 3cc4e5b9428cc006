package dev.ladder.benchmarks.harness;

/**
 * One simulated run of the harness: a method ({@link Method}: a scheduler name, scheduler+searcher such as
 * {@code hyperband+kde}, or {@code random} for random search to the maximum resource) on a benchmark with a seed, a number of workers and a simulated time budget.
 */
public record RunSpec(String method, String benchmark, long seed, int workers, double budgetSeconds, Integer maxTrials) {
    public RunSpec {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (!(budgetSeconds > 0)) {
            throw new IllegalArgumentException("the simulated time budget must be positive, got " + budgetSeconds);
        }
    }

    public String label() {
        return method + "/" + benchmark + "/w" + workers + "/s" + seed;
    }
}
