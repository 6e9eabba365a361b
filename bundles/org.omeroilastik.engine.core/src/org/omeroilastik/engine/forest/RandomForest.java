package org.omeroilastik.engine.forest;

import java.util.List;

/** One vigra RandomForest: predicts the unweighted mean of its trees' leaf probabilities. */
public final class RandomForest {
    private final List<DecisionTree> trees;
    private final int classes;
    private final int features;
    /** The trees packed for row-by-row prediction, or null when they are too large (or not two-class). */
    private final PackedForest packed;

    public RandomForest(List<DecisionTree> trees) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        this.trees = List.copyOf(trees);
        this.classes = trees.get(0).classCount();
        this.features = trees.get(0).featureCount();
        for (DecisionTree t : trees) {
            if (t.classCount() != classes || t.featureCount() != features) {
                throw new IllegalArgumentException("trees disagree on feature or class count");
            }
        }
        this.packed = PackedForest.of(this.trees);
    }

    public List<DecisionTree> trees() {
        return trees;
    }

    public int treeCount() {
        return trees.size();
    }

    public int classCount() {
        return classes;
    }

    public int featureCount() {
        return features;
    }

    /**
     * vigra's predictProbabilities for {@code rows} rows of {@code x} (row-major, featureCount each) into
     * {@code out} (classCount each). Small two-class forests go row by row through a {@link PackedForest};
     * larger ones are walked tree by tree over all rows, which keeps each tree's arrays in cache. Either
     * way the votes of a row accumulate in tree order, so results equal {@link #predict}.
     * {@code nan[r]} says whether row r holds a NaN (vigra gives such rows zeros); {@code totals} must
     * hold {@code rows} doubles.
     */
    public void predictRows(float[] x, int rows, boolean[] nan, float[] out, double[] totals) {
        if (packed != null) {
            packed.predictRows(x, rows, features, nan, out);
            return;
        }
        java.util.Arrays.fill(out, 0, rows * classes, 0f);
        java.util.Arrays.fill(totals, 0, rows, 0.0);
        for (DecisionTree tree : trees) {
            tree.vote(x, rows, features, out, totals);
        }
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            float totalF = (float) totals[r];
            boolean zero = nan[r];
            for (int l = 0; l < classes; l++) {
                out[o + l] = zero ? 0f : out[o + l] / totalF;
            }
        }
    }

    /**
     * vigra's predictProbabilities for one row ({@code row[offset..offset+features)}): float32 vote
     * sums, a double total, the division by the total cast to float32; a row containing NaN gets zeros.
     */
    public void predict(float[] row, int offset, float[] out) {
        for (int f = 0; f < features; f++) {
            if (Float.isNaN(row[offset + f])) {
                java.util.Arrays.fill(out, 0, classes, 0f);
                return;
            }
        }
        java.util.Arrays.fill(out, 0, classes, 0f);
        double total = 0;
        for (DecisionTree tree : trees) {
            int leaf = tree.leaf(row, offset);
            for (int l = 0; l < classes; l++) {
                double w = tree.leafProbability(leaf, l);
                out[l] += (float) w;
                total += w;
            }
        }
        float totalF = (float) total;
        for (int l = 0; l < classes; l++) {
            out[l] /= totalF;
        }
    }
}
