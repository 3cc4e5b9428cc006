package dev.ladder.server;

import java.util.Map;

/** Reads numbers from a request's query, failing with a message that names the parameter. */
final class Params {
    private Params() {
    }

    static long longValue(Map<String, String> q, String name, long dflt, long min, long max) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + ": " + n + " is not between " + min + " and " + max);
        }
        return n;
    }

    static int intValue(Map<String, String> q, String name, int dflt, int min, int max) {
        return (int) longValue(q, name, dflt, min, max);
    }
}
