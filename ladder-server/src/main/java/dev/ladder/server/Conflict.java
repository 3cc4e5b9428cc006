package dev.ladder.server;

/** An action that the experiment's state does not allow now (pausing a finished experiment): answered 409 with the message. */
final class Conflict extends RuntimeException {
    Conflict(String message) {
        super(message);
    }
}
