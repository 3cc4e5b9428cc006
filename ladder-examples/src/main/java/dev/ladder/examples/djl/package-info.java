/**
 * The DJL integration (docs/djl.md): an objective that trains a DJL model with epochs as the resource, its
 * parameters and optimizer state checkpointed, and the Fashion-MNIST tuning example. May depend on ladder-core and
 * DJL (an optional dependency of ladder-examples); not on the store, the process module or the CLI.
 */
package dev.ladder.examples.djl;
