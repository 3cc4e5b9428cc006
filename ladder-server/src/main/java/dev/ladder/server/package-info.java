/**
 * The REST API under {@code /api/v1} and the web dashboard ({@code ladder dashboard}): experiments read from a
 * store through their journals, aggregated and downsampled on the server, pushed to the page by server-sent
 * events; write actions go through the same store paths as the command line. Depends on ladder-core (the
 * journal, {@code ExperimentState}), ladder-store (the store, {@code StoreLog}) and Javalin; nothing depends on
 * it but ladder-cli.
 */
package dev.ladder.server;
