package dev.ladder.examples;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A train / validation / test partition of one data set. Tuning trains on {@code train} and
 * measures on {@code validation}; {@code test} is held out for the final comparison.
 *
 * @param train      rows to fit models on
 * @param validation rows that tuning measures
 * @param test       held-out rows, only for the final comparison
 */
public record Split(Dataset train, Dataset validation, Dataset test) {
    /** The seed of the examples' split; changing it changes every number the demo prints. */
    public static final long DEFAULT_SEED = 20_240_601L;
    public static final double TRAIN_FRACTION = 0.6;
    public static final double VALIDATION_FRACTION = 0.2;

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** {@link #stratified(Dataset, double, double, long)} with 60% train, 20% validation, 20% test. */
    public static Split stratified(Dataset data, long seed) {
        return stratified(data, TRAIN_FRACTION, VALIDATION_FRACTION, seed);
    }

    /**
     * A deterministic stratified split: each class's rows are shuffled (Fisher-Yates with one
     * {@link SplittableRandom} seeded with {@code seed}, classes in label order), then the first
     * {@code round(n * trainFraction)} go to train, the next {@code round(n * validationFraction)}
     * to validation and the rest to test. Each part keeps the original row order. The same data
     * and seed always give the same split.
     */
    public static Split stratified(Dataset data, double trainFraction, double validationFraction, long seed) {
        if (!(trainFraction > 0) || !(validationFraction > 0) || trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("fractions must be positive and leave room for a test part: train "
                    + trainFraction + ", validation " + validationFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] part = new int[data.rows()];
        int[] sizes = new int[3];
        for (int c = 0; c < data.classNames().size(); c++) {
            int[] rows = rowsOfClass(data, c);
            shuffle(rows, random);
            int nTrain = (int) Math.round(rows.length * trainFraction);
            int nValidation = Math.min((int) Math.round(rows.length * validationFraction), rows.length - nTrain);
            for (int k = 0; k < rows.length; k++) {
                int p = k < nTrain ? 0 : k < nTrain + nValidation ? 1 : 2;
                part[rows[k]] = p;
                sizes[p]++;
            }
        }
        int[][] indices = {new int[sizes[0]], new int[sizes[1]], new int[sizes[2]]};
        int[] fill = new int[3];
        for (int i = 0; i < part.length; i++) {
            indices[part[i]][fill[part[i]]++] = i;
        }
        return new Split(data.select(indices[0]), data.select(indices[1]), data.select(indices[2]));
    }

    private static int[] rowsOfClass(Dataset data, int label) {
        return IntStream.range(0, data.rows()).filter(i -> data.label(i) == label).toArray();
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return "Split[train=" + Arrays.toString(train.classCounts()) + ", validation="
                + Arrays.toString(validation.classCounts()) + ", test=" + Arrays.toString(test.classCounts()) + "]";
    }
}
