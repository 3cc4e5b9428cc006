/**
 * The declarations the scheduler and searcher registries are made of: a {@link dev.ladder.core.registry.Parameter}
 * (name, type, default, range, one line of documentation) and the checked values of an entry's parameters
 * ({@link dev.ladder.core.registry.ParameterValues}). Depends on nothing in Ladder but {@code dev.ladder.core.Config};
 * the registries themselves are {@code dev.ladder.core.schedule.Schedulers} and {@code dev.ladder.core.search.Searchers}.
 */
package dev.ladder.core.registry;
