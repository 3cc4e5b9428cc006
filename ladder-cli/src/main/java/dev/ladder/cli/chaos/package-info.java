/**
 * {@code ladder chaos}: runs real experiments, kills Ladder with SIGKILL at seeded moments, resumes them
 * and audits the store and the process table against an uninterrupted run.
 * May depend on ladder-core, ladder-store, ladder-process (its /proc reader), ladder-examples and picocli.
 */
package dev.ladder.cli.chaos;
