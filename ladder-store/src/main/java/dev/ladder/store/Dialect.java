package dev.ladder.store;

/** The two supported databases and the folder of their Flyway migrations. */
enum Dialect {
    SQLITE("db/migration/sqlite"), POSTGRESQL("db/migration/postgresql");

    final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported JDBC URL " + jdbcUrl + " (use jdbc:sqlite:, jdbc:postgresql: or a path)");
    }
}
