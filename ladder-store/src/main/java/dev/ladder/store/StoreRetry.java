package dev.ladder.store;

import dev.ladder.core.tune.LadderIoFailure;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs store work again while the database connection is lost (a PostgreSQL restart, a network cut),
 * waiting 0.25 s, 0.5 s, 1 s ... up to 5 s between attempts, for at most a window (default 60 s,
 * system property {@value #PROPERTY} in seconds). When the window has passed, or the database's own
 * storage failed (disk full, read-only), it throws {@link LadderIoFailure} with the driver's message:
 * the experiment pauses rather than failing a trial.
 */
final class StoreRetry {
    /** The system property that sets the default window, in seconds (e.g. {@code -Dladder.store.retry=300}). */
    static final String PROPERTY = "ladder.store.retry";
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    private static final long FIRST_WAIT_MS = 250;
    private static final long MAX_WAIT_MS = 5_000;

    private final Duration window;
    private final Consumer<String> note;

    StoreRetry(Duration window, Consumer<String> note) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the store retry window must not be negative, got " + window);
        }
        this.window = window;
        this.note = note;
    }

    /** The window the system property {@value #PROPERTY} sets, else {@link #DEFAULT_WINDOW}. */
    static Duration configuredWindow() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_WINDOW;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected seconds, e.g. 60");
    }

    Duration window() {
        return window;
    }

    /**
     * Runs {@code work} (given the attempt number, 0 first; a later attempt must first find out whether an
     * earlier one was committed after all) until it succeeds; {@code what} says what it does, for messages.
     */
    <T> T run(String what, IntFunction<T> work) {
        long start = System.nanoTime();
        long wait = FIRST_WAIT_MS;
        for (int attempt = 0; ; attempt++) {
            try {
                T out = work.apply(attempt);
                if (attempt > 0) {
                    note.accept("the store answers again; " + what + " went through after " + seconds(start) + " s");
                }
                return out;
            } catch (RuntimeException e) {
                StoreFaults.Kind kind = StoreFaults.kind(e);
                if (kind == StoreFaults.Kind.STORAGE) {
                    throw new LadderIoFailure("cannot " + what + ": the database's storage failed: " + StoreFaults.cause(e), e);
                }
                if (kind != StoreFaults.Kind.CONNECTION_LOST) {
                    throw e;
                }
                long left = window.toMillis() - (System.nanoTime() - start) / 1_000_000;
                if (left <= 0) {
                    throw new LadderIoFailure("cannot " + what + ": " + StoreFaults.cause(e) + " (no answer for "
                            + seconds(start) + " s, " + (attempt + 1) + " attempts; retry window " + window.toSeconds()
                            + " s, -D" + PROPERTY + ")", e);
                }
                if (attempt == 0) {
                    note.accept("lost the connection to the store: " + StoreFaults.cause(e) + "; retrying for up to "
                            + window.toSeconds() + " s");
                }
                sleep(Math.min(wait, left), what, e);
                wait = Math.min(wait * 2, MAX_WAIT_MS);
            }
        }
    }

    private static void sleep(long ms, String what, RuntimeException cause) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LadderIoFailure("cannot " + what + ": " + StoreFaults.cause(cause) + " (interrupted while retrying)", cause);
        }
    }

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }
}
