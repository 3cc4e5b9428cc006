package dev.ladder.examples.djl;

import java.util.Arrays;
import java.util.Objects;

/**
 * Images as one flat row-major array of pixels in [0, 1] ({@code rows * pixels} values) with an integer
 * class per row: what {@link DjlObjective} trains on and evaluates. Arrays are owned by the record and never
 * changed after construction.
 */
public record ImageSet(float[] features, int[] labels, int pixels) {
    public ImageSet {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (pixels < 1 || features.length != (long) labels.length * pixels) {
            throw new IllegalArgumentException("an image set of " + labels.length + " rows of " + pixels
                    + " pixels needs " + (long) labels.length * pixels + " values, got " + features.length);
        }
    }

    /** The number of images. */
    public int rows() {
        return labels.length;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public ImageSet slice(int from, int to) {
        if (from < 0 || to > rows() || from > to) {
            throw new IllegalArgumentException("cannot take rows " + from + " to " + to + " of " + rows());
        }
        return new ImageSet(Arrays.copyOfRange(features, from * pixels, to * pixels),
                Arrays.copyOfRange(labels, from, to), pixels);
    }
}
