package dev.ladder.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteException;

/**
 * Sorts a database failure: a lost connection (the server restarts or is unreachable: worth retrying),
 * a failure of the database's own storage (disk full, read-only, I/O error: Ladder's storage, not a
 * trial's), or anything else; and finds the driver's own words for it under the pool's wrapping.
 */
final class StoreFaults {
    enum Kind { CONNECTION_LOST, STORAGE, OTHER }

    /** SQLite primary result codes of a storage failure: READONLY, IOERR, FULL, CANTOPEN. */
    private static final int[] SQLITE_STORAGE = {8, 10, 13, 14};

    private StoreFaults() {
    }

    static Kind kind(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return Kind.CONNECTION_LOST; // the pool found no live connection in time
            }
            if (c instanceof SQLiteException s) {
                int primary = s.getErrorCode() & 0xff;
                for (int code : SQLITE_STORAGE) {
                    if (primary == code) {
                        return Kind.STORAGE;
                    }
                }
            } else if (c instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exception; 57P01-03: the server shuts down, crashed or is starting
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return Kind.CONNECTION_LOST;
                }
                if (state.startsWith("53") || state.startsWith("58")) { // insufficient resources (53100 disk full), I/O
                    return Kind.STORAGE;
                }
            }
        }
        return Kind.OTHER;
    }

    /** True when {@code e} is a unique or primary key violation (PostgreSQL 23505; SQLite's CONSTRAINT_PRIMARYKEY, _UNIQUE). */
    static boolean duplicateKey(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLiteException s && (s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)) {
                return true;
            }
            if (c instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The message of the innermost SQL exception (the driver's, e.g. PSQLException's), else {@code e}'s. */
    static String cause(Throwable e) {
        String message = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException && c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message != null ? message : String.valueOf(e.getMessage());
    }
}
