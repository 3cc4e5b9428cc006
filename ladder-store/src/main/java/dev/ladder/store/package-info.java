/**
 * Experiments in a database (SQLite by default, PostgreSQL): the JDBC store and its Flyway migrations,
 * leases fenced by an epoch, and {@link dev.ladder.store.StoreLog}, the journal as a store's event log,
 * which derives its trial and result rows from the journal's own {@code ExperimentState}.
 * May depend on ladder-core (the journal and the tuner's {@code EventLog}), JDBC, HikariCP, Flyway,
 * sqlite-jdbc, the PostgreSQL driver and Jackson; never on ladder-process, ladder-sim or ladder-cli.
 */
package dev.ladder.store;
