package dev.ladder.server;

/** A request named an experiment or trial that does not exist: answered 404 with the message. */
final class NotFound extends RuntimeException {
    NotFound(String message) {
        super(message);
    }
}
