package dev.ladder.store;

/** A database failure (I/O, constraint, connection) wrapped unchecked, with the database's message. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
