package dev.ladder.store;

/** A database failure (I/O, constraint, connection) wrapped unchecked, with the database's message. */
public final class StoreException extends RuntimeException {
    /** A failure whose {@code message} names the store (its password masked) and the database's message. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
