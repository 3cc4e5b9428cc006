package dev.ladder.examples.tribuo;

import dev.ladder.examples.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Ladder's examples' {@link Dataset} (the bundled ARFF data) as a Tribuo classification data set. */
public final class TribuoData {
    private TribuoData() {
    }

    /**
     * One example per row, features by the data set's column names, each standardised by the mean and
     * standard deviation of {@code scaleBy} (the training part, so that the validation and test parts take the
     * training part's scale; SGD on raw credit amounts in the thousands learns nothing); missing values left out.
     */
    public static MutableDataset<Label> classification(Dataset data, Dataset scaleBy, String description) {
        if (scaleBy.cols() != data.cols()) {
            throw new IllegalArgumentException(description + " has " + data.cols() + " columns, the scaling data "
                    + scaleBy.cols());
        }
        double[] mean = new double[data.cols()];
        double[] sd = new double[data.cols()];
        for (int col = 0; col < data.cols(); col++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (int row = 0; row < scaleBy.rows(); row++) {
                float v = scaleBy.feature(row, col);
                if (!Float.isNaN(v)) {
                    sum += v;
                    squares += (double) v * v;
                    n++;
                }
            }
            mean[col] = n == 0 ? 0 : sum / n;
            double variance = n == 0 ? 0 : squares / n - mean[col] * mean[col];
            sd[col] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> out = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
        String[] names = data.featureNames().toArray(String[]::new);
        for (int row = 0; row < data.rows(); row++) {
            ArrayExample<Label> example = new ArrayExample<>(new Label(data.classNames().get(data.label(row))));
            for (int col = 0; col < data.cols(); col++) {
                float value = data.feature(row, col);
                if (!Float.isNaN(value)) {
                    example.add(names[col], (value - mean[col]) / sd[col]);
                }
            }
            out.add(example);
        }
        return out;
    }
}
