package dev.ladder.server;

/**
 * Starts the process that resumes an experiment (the dashboard itself runs no trials): {@code ladder dashboard}
 * starts {@code ladder resume NAME [--max-trials N]} with the same store.
 */
@FunctionalInterface
public interface Launcher {
    /** Resumes experiment {@code name}; {@code maxTrials} null keeps its limit, else extends it to that many trials. */
    void resume(String name, Integer maxTrials) throws Exception;
}
