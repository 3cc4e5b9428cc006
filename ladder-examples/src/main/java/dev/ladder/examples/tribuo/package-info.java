/**
 * The Tribuo integration (docs/tribuo.md): an objective that tunes a Tribuo trainer from its configurable fields,
 * and the credit-data example. May depend on ladder-core, the examples' data helpers and Tribuo (an optional
 * dependency of ladder-examples); not on the store, the process module or the CLI.
 */
package dev.ladder.examples.tribuo;
