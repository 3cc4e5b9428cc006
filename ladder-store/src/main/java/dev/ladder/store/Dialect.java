package dev.ladder.store;

/**
 * The two supported databases. They share one schema ({@code db/migration}); the only difference,
 * the generated key column, is the Flyway placeholder {@code ${id_column}}.
 */
enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"), POSTGRESQL("BIGSERIAL PRIMARY KEY");

    final String idColumn;

    Dialect(String idColumn) {
        this.idColumn = idColumn;
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
