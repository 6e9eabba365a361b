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

    /**
     * Predicts {@code rows} feature rows stored row-major in {@code x} (featureCount values each) into
     * {@code out} (classCount values each). {@code scratch} must hold classCount floats; nothing is allocated.
     */
    public void predict(float[] x, int rows, float[] out, float[] scratch) {
        predict(x, rows, out, new float[rows * classes], new double[rows], new int[rows]);
    }

    /**
     * As {@link #predict(float[], int, float[], float[])} with caller-owned buffers: {@code forestOut}
     * (rows × classes floats), {@code totals} (rows doubles) and {@code leaves} (rows ints), so repeated
     * calls allocate nothing.
     */
    public void predict(float[] x, int rows, float[] out, float[] forestOut, double[] totals, int[] leaves) {
        for (int f = 0; f < forests.size(); f++) {
            RandomForest forest = forests.get(f);
            forest.predictRows(x, rows, forestOut, totals, leaves);
            float n = forest.treeCount();
            for (int i = 0; i < rows * classes; i++) {
                float v = n * forestOut[i];
                out[i] = f == 0 ? v : out[i] + v;
            }
        }
        float total = totalTrees;
        for (int i = 0; i < rows * classes; i++) {
            out[i] /= total;
        }
    }
}
