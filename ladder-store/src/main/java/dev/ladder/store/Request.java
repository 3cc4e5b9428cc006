package dev.ladder.store;

/** A request to the tuner of an experiment, by another process: its row id, its kind ({@code exclude}) and its JSON body. */
public record Request(long id, String kind, String body) {
}
