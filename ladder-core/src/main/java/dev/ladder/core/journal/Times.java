package dev.ladder.core.journal;

import java.time.Instant;

/**
 * {@link Instant#toString()} without its formatter on every call: the date and time to the second is
 * kept for the second it was last asked for (events come thousands a second), the fraction written as
 * {@code Instant.toString} writes it (none, or 3, 6 or 9 digits).
 */
final class Times {
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private Times() {
    }

    /** The last instant formatted, with its text: events come many to a millisecond. */
    private record Formatted(Instant instant, String text) {
    }

    private static volatile Formatted lastFormatted = new Formatted(Instant.MIN, Instant.MIN.toString());

    static String format(Instant t) {
        Formatted f = lastFormatted;
        if (f.instant().equals(t)) {
            return f.text();
        }
        String text = formatNew(t);
        lastFormatted = new Formatted(t, text);
        return text;
    }

    private static String formatNew(Instant t) {
        Second s = last;
        if (s.epochSecond() != t.getEpochSecond()) {
            String full = Instant.ofEpochSecond(t.getEpochSecond()).toString(); // "...:SSZ"
            s = new Second(t.getEpochSecond(), full.substring(0, full.length() - 1));
            last = s;
        }
        int nanos = t.getNano();
        if (nanos == 0) {
            return s.text() + "Z";
        }
        String digits = Integer.toString(nanos + 1_000_000_000).substring(1);
        int keep = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
        return s.text() + "." + digits.substring(0, keep) + "Z";
    }
}
