package org.omeroilastik.engine.forest;

import java.util.List;

/**
 * ilastik's ParallelVigraRfLazyflowClassifier: several forests trained in parallel, combined as
 * P = (Σ_f n_f·P_f) / Σ n_f in float32, summed in forest order (n_f = tree count of forest f).
 */
public final class ForestEnsemble {
    private final List<RandomForest> forests;
    private final int classes;
    private final int features;
    private final int totalTrees;

    public ForestEnsemble(List<RandomForest> forests) {
        if (forests.isEmpty()) {
            throw new IllegalArgumentException("no forests");
        }
        this.forests = List.copyOf(forests);
        this.classes = forests.get(0).classCount();
        this.features = forests.get(0).featureCount();
        int n = 0;
        for (RandomForest f : forests) {
            if (f.classCount() != classes || f.featureCount() != features) {
                throw new IllegalArgumentException("forests disagree on feature or class count");
            }
            n += f.treeCount();
        }
        this.totalTrees = n;
    }

    public List<RandomForest> forests() {
        return forests;
    }

    public int classCount() {
        return classes;
    }

    public int featureCount() {
        return features;
    }

    public int treeCount() {
        return totalTrees;
    }

    /** Buffers for predicting up to {@code rows} rows at a time; one per thread, reused across calls. */
    public Workspace workspace(int rows) {
        return new Workspace(rows, classes);
    }

    /** Per-call buffers of {@link #predict(float[], int, float[], Workspace)}. */
    public static final class Workspace {
        private final int capacity;
        private final float[] forestOut;
        private final double[] totals;
        private final boolean[] nan;

        private Workspace(int rows, int classes) {
            capacity = rows;
            forestOut = new float[rows * classes];
            totals = new double[rows];
            nan = new boolean[rows];
        }
    }

    /**
     * Predicts {@code rows} feature rows stored row-major in {@code x} (featureCount values each) into
     * {@code out} (classCount values each), with a workspace of its own.
     */
    public void predict(float[] x, int rows, float[] out) {
        predict(x, rows, out, workspace(rows));
    }

    /**
     * As {@link #predict(float[], int, float[])} with a caller-owned workspace of at least
     * {@code rows} rows, so repeated calls allocate nothing.
     */
    public void predict(float[] x, int rows, float[] out, Workspace ws) {
        if (rows > ws.capacity) {
            throw new IllegalArgumentException(rows + " rows for a workspace of " + ws.capacity);
        }
        // Which rows hold a NaN, found once for all forests.
        for (int r = 0; r < rows; r++) {
            boolean nan = false;
            int base = r * features;
            for (int f = 0; f < features; f++) {
                float v = x[base + f];
                nan |= v != v;
            }
            ws.nan[r] = nan;
        }
        for (int f = 0; f < forests.size(); f++) {
            RandomForest forest = forests.get(f);
            forest.predictRows(x, rows, ws.nan, ws.forestOut, ws.totals);
            float n = forest.treeCount();
            float[] fo = ws.forestOut;
            for (int i = 0; i < rows * classes; i++) {
                float v = n * fo[i];
                out[i] = f == 0 ? v : out[i] + v;
            }
        }
        float total = totalTrees;
        for (int i = 0; i < rows * classes; i++) {
            out[i] /= total;
        }
    }
}
