package dev.ladder.server;

/** A request without the dashboard's token where one is needed: answered 401 (403 for a foreign Host) with the message. */
final class Unauthorized extends RuntimeException {
    final int status;

    Unauthorized(int status, String message) {
        super(message);
        this.status = status;
    }
}
