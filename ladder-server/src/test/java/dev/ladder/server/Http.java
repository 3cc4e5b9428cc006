package dev.ladder.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A small HTTP client for the API tests: answers as status, body and parsed JSON. The pom sets
 * {@code jdk.httpclient.allowRestrictedHeaders=host} for the tests that send a foreign {@code Host}.
 */
final class Http {
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return DashboardServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    Answer get(String path) {
        return get(path, Map.of());
    }

    Answer post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    /** A confirmed write, as the page sends it. */
    Answer post(String path, String body) {
        return post(path, body, Map.of("X-Ladder-Confirm", "yes", "Content-Type", "application/json"));
    }

    private Answer send(HttpRequest r) {
        try {
            HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
            return new Answer(a.statusCode(), a.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
