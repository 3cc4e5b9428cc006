package dev.ladder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * One INSERT statement for many rows ({@code head VALUES (?, ...), (?, ...) tail}), so that a group costs
 * one statement per table whatever its size; rows beyond {@link #MAX_ROWS} go in further statements, which
 * keeps the parameters under both databases' limits (32,766 on SQLite, 65,535 on PostgreSQL). {@code constants}
 * (", 'QUEUED', now()") ends every row after its parameters.
 */
record MultiRowInsert(String head, int columns, String constants, String tail) {
    static final int MAX_ROWS = 500;

    MultiRowInsert(String head, int columns, String tail) {
        this(head, columns, "", tail);
    }

    /** Sets the {@link #columns} parameters of one row, starting at parameter {@code first}. */
    interface Binder<T> {
        void bind(PreparedStatement ps, int first, T row) throws SQLException;
    }

    /** Inserts {@code rows}; returns the number of rows the statements reported. */
    <T> int run(Connection c, List<T> rows, Binder<T> binder) throws SQLException {
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += MAX_ROWS) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ROWS));
            try (PreparedStatement ps = c.prepareStatement(sql(chunk.size()))) {
                int p = 1;
                for (T row : chunk) {
                    binder.bind(ps, p, row);
                    p += columns;
                }
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    String sql(int rows) {
        String one = "(?" + ", ?".repeat(columns - 1) + constants + ")";
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (one.length() + 2) + 8);
        sql.append(head).append(" VALUES ").append(one);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(one);
        }
        return sql.append(tail).toString();
    }
}
