/**
 * Benchmarks of many machines played by processes of this one: trials per second through the PostgreSQL job
 * queue with worker processes, and their utilisation.
 * May depend on ladder-core and ladder-store; not on the CLI.
 */
package dev.ladder.benchmarks.distributed;
