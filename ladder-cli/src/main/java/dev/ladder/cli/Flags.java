package dev.ladder.cli;

/** Checks of flag values, made before anything is created, each naming its flag. */
final class Flags {
    private Flags() {
    }

    /** {@code value} when it is at least 1 (or null: not given); otherwise an error naming {@code flag}. */
    static Integer positive(String flag, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, got " + value);
        }
        return value;
    }
}
