/**
 * Searchers: what proposes the next configuration (random, grid, kde: BOHB's kernel densities; the Gaussian-process ones in {@code search.gp}) and learns from reported results.
 * Searchers only propose configurations; schedulers decide resources.
 * May depend on {@code dev.ladder.core} and {@code dev.ladder.core.space}; not on schedulers or the tuner.
 */
package dev.ladder.core.search;
