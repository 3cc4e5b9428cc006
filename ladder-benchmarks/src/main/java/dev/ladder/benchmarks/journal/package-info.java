/**
 * Durability benchmarks: reports per second through the journal into SQLite or PostgreSQL, and through
 * the simulator with a journal.
 * May depend on ladder-core, ladder-sim and ladder-store; not on the CLI.
 */
package dev.ladder.benchmarks.journal;
