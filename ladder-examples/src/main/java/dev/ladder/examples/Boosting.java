package dev.ladder.examples;

import java.io.IOException;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** The few XGBoost4J calls the examples make. Callers own and dispose what these return. */
final class Boosting {
    private Boosting() {
    }

    /** A native matrix of {@code data}'s features and labels; NaN is "missing". */
    static DMatrix matrix(Dataset data) throws XGBoostError {
        DMatrix m = new DMatrix(data.features(), data.rows(), data.cols(), Float.NaN);
        try {
            m.setLabel(data.labels());
            return m;
        } catch (XGBoostError | RuntimeException e) {
            m.dispose();
            throw e;
        }
    }

    /** A booster with no trees yet (XGBoost4J only creates boosters through {@code train}). */
    static Booster fresh(Map<String, Object> params, DMatrix train) throws XGBoostError {
        return XGBoost.train(train, params, 0, Map.of(), null, null);
    }

    /**
     * A booster loaded from {@link Booster#toByteArray()} bytes, with {@code params} set again:
     * the saved model keeps the trees, the objective and the base score but not the training
     * parameters (eta, max_depth, ...), which would silently fall back to XGBoost's defaults.
     */
    static Booster load(byte[] bytes, Map<String, Object> params) throws XGBoostError, IOException {
        Booster booster = XGBoost.loadModel(bytes);
        try {
            booster.setParams(params);
            return booster;
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /** Trains a fresh booster for {@code rounds} rounds, one {@code update} per round. */
    static Booster train(Map<String, Object> params, DMatrix train, int rounds) throws XGBoostError {
        Booster booster = fresh(params, train);
        try {
            for (int round = 0; round < rounds; round++) {
                booster.update(train, round);
            }
            return booster;
        } catch (XGBoostError | RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /** The predicted probability of class 1 for every row of {@code data}, in one native call. */
    static float[] predict(Booster booster, DMatrix data) throws XGBoostError {
        float[][] out = booster.predict(data);
        float[] p = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            p[i] = out[i][0];
        }
        return p;
    }

    static void dispose(Booster booster) {
        if (booster != null) {
            booster.dispose();
        }
    }

    static void dispose(DMatrix matrix) {
        if (matrix != null) {
            matrix.dispose();
        }
    }
}
