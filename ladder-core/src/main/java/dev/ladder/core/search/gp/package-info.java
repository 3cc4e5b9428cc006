/**
 * Gaussian-process searchers: GP-BO ({@link dev.ladder.core.search.gp.GpSearcher}) and MOBSTER's joint model
 * over configuration and resource ({@link dev.ladder.core.search.gp.MobsterSearcher}), with their kernels,
 * the Cholesky factor (EJML), the hyperparameter fit and expected improvement over fantasies.
 * May depend on {@code dev.ladder.core}, {@code dev.ladder.core.space}, {@code dev.ladder.core.search} and EJML;
 * not on schedulers or the tuner.
 */
package dev.ladder.core.search.gp;
