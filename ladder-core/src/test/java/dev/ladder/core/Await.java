package dev.ladder.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a state (polling it), never for a time: tests that race a process use this, with a generous limit. */
public final class Await {
    private Await() {
    }

    /** Polls {@code state} every 20 ms until it holds; fails naming {@code what} (and {@code detail}) after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier state, Supplier<String> detail) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + "; " + detail.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** As {@link #until(String, Duration, BooleanSupplier, Supplier)} with a limit of two minutes. */
    public static void until(String what, BooleanSupplier state) {
        until(what, Duration.ofMinutes(2), state, () -> "");
    }
}
