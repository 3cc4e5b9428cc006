/**
 * Search spaces: typed domains (real and integer, linear or log; choice, ordinal, finite range, constant) with
 * sampling, the [0,1] encoding and their JSON/YAML form.
 * May depend on {@code dev.ladder.core} and Jackson; nothing here knows about searchers or schedulers.
 */
package dev.ladder.core.space;
