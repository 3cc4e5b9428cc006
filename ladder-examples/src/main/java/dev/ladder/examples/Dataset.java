package dev.ladder.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dense labelled data set for classification.
 *
 * <p>Invariants: {@code features.length == rows * cols} (row-major: feature {@code j} of row
 * {@code i} is {@code features[i * cols + j]}), {@code labels.length == rows}, one name per
 * feature column, and every label is a class index in {@code [0, classNames.size())}. Missing
 * feature values are {@link Float#NaN}. The arrays are copied on the way in and out, so a
 * {@code Dataset} is immutable; use {@link #feature} and {@link #label} to read single values
 * without copying.
 *
 * @param features     row-major feature matrix, {@code rows * cols} values
 * @param rows         number of examples
 * @param cols         number of feature columns
 * @param labels       class index of each row, as a float (what XGBoost takes)
 * @param featureNames one name per column
 * @param classNames   class names, indexed by label
 */
public record Dataset(float[] features, int rows, int cols, float[] labels,
                      List<String> featureNames, List<String> classNames) {

    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (rows < 0 || cols < 0 || (long) rows * cols != features.length) {
            throw new IllegalArgumentException("features hold " + features.length
                    + " values, expected rows * cols = " + rows + " * " + cols);
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        if (featureNames.size() != cols) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + cols + " columns");
        }
        for (int i = 0; i < rows; i++) {
            float y = labels[i];
            if (y != Math.rint(y) || y < 0 || y >= classNames.size()) {
                throw new IllegalArgumentException("row " + i + ": label " + y + " is not a class index in [0, "
                        + classNames.size() + ")");
            }
        }
        features = features.clone();
        labels = labels.clone();
    }

    /** A copy of the row-major feature matrix. */
    @Override
    public float[] features() {
        return features.clone();
    }

    /** A copy of the labels. */
    @Override
    public float[] labels() {
        return labels.clone();
    }

    public float feature(int row, int col) {
        Objects.checkIndex(col, cols);
        return features[Objects.checkIndex(row, rows) * cols + col];
    }

    public int label(int row) {
        return (int) labels[row];
    }

    /** How many rows each class has, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (float y : labels) {
            counts[(int) y]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        float[] x = new float[indices.length * cols];
        float[] y = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], rows);
            System.arraycopy(features, i * cols, x, k * cols, cols);
            y[k] = labels[i];
        }
        return new Dataset(x, indices.length, cols, y, featureNames, classNames);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && d.rows == rows && d.cols == cols
                && Arrays.equals(d.features, features) && Arrays.equals(d.labels, labels)
                && d.featureNames.equals(featureNames) && d.classNames.equals(classNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, cols, Arrays.hashCode(features), Arrays.hashCode(labels), featureNames, classNames);
    }

    @Override
    public String toString() {
        return "Dataset[rows=" + rows + ", cols=" + cols + ", classes=" + classNames
                + ", counts=" + Arrays.toString(classCounts()) + "]";
    }
}
