/**
 * The {@code ladder} command (picocli): YAML experiment specs, {@code run}, {@code demo}, {@code resume},
 * {@code pause}, {@code preview}, the live display, and {@code ls}, {@code show} and {@code export} over
 * stores and JSON-lines folders alike.
 * May depend on every module of the reactor; nothing depends on it.
 */
package dev.ladder.cli;
