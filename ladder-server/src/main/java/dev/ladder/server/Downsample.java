package dev.ladder.server;

/** Which of {@code n} points to draw when at most {@code max} are wanted: evenly spaced, the first and the last kept. */
final class Downsample {
    private Downsample() {
    }

    static int[] indices(int n, int max) {
        if (n <= max) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[max];
        for (int k = 0; k < max; k++) {
            out[k] = (int) Math.round((double) k * (n - 1) / (max - 1));
        }
        return out;
    }
}
