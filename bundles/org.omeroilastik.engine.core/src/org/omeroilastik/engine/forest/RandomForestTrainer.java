package org.omeroilastik.engine.forest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains random forests the way ilastik's defaults train vigra's: bootstrap samples drawn with
 * replacement (as many as there are labelled pixels), √(features) candidate columns per split (rounded,
 * vigra's RF_SQRT), Gini impurity, thresholds halfway between neighbouring values, nodes split until
 * pure. Trees are emitted in vigra's serialised layout, so they load in vigra and in ilastik.
 */
public final class RandomForestTrainer {
    private final int features;
    private final int classes;
    private final int mtry;

    public RandomForestTrainer(int features, int classes) {
        if (features < 1 || classes < 2) {
            throw new IllegalArgumentException("need at least one feature and two classes");
        }
        this.features = features;
        this.classes = classes;
        this.mtry = Math.max(1, (int) Math.floor(Math.sqrt(features) + 0.5));
    }

    public int mtry() {
        return mtry;
    }

    /**
     * Trains {@code trees} trees split into {@code forestCount} forests as ilastik's parallel factory
     * does (the first forests get one more tree when they do not divide evenly). {@code x} holds
     * {@code rows} feature rows, {@code y} their classes 0..classes−1. Deterministic for a seed.
     */
    public ForestEnsemble train(float[] x, int[] y, int rows, int trees, int forestCount, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("no labelled samples to train on");
        }
        int[] present = new int[classes];
        for (int i = 0; i < rows; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("class " + y[i] + " outside 0.." + (classes - 1));
            }
            present[y[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            if (present[c] == 0) {
                throw new IllegalArgumentException("label " + (c + 1) + " has no labelled pixels");
            }
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<RandomForest> forests = new ArrayList<>();
        int n = Math.max(1, Math.min(forestCount, trees));
        for (int f = 0; f < n; f++) {
            int count = trees / n + (f < trees % n ? 1 : 0);
            List<DecisionTree> list = new ArrayList<>(count);
            for (int t = 0; t < count; t++) {
                list.add(trainTree(x, y, rows, root.split()));
            }
            forests.add(new RandomForest(list));
        }
        return new ForestEnsemble(forests);
    }

    /** One tree on a bootstrap sample. */
    DecisionTree trainTree(float[] x, int[] y, int rows, SplittableRandom rng) {
        int[] sample = new int[rows];
        for (int i = 0; i < rows; i++) {
            sample[i] = rng.nextInt(rows);
        }
        TreeBuilder b = new TreeBuilder();
        b.build(x, y, sample, rng);
        return new DecisionTree(b.topology(), b.parameters());
    }

    /** Grows one tree depth-first and lays it out as vigra does: header, then nodes; parameters alongside. */
    private final class TreeBuilder {
        private int[] topo = new int[64];
        private int topoLen;
        private double[] params = new double[64];
        private int paramLen;

        int[] topology() {
            return Arrays.copyOf(topo, topoLen);
        }

        double[] parameters() {
            return Arrays.copyOf(params, paramLen);
        }

        void build(float[] x, int[] y, int[] sample, SplittableRandom rng) {
            append(features);
            append(classes);
            grow(x, y, sample, 0, sample.length, rng, new long[sample.length]);
        }

        /** Grows the node over sample[from..to); returns its topology offset. */
        private int grow(float[] x, int[] y, int[] sample, int from, int to, SplittableRandom rng, long[] keys) {
            int n = to - from;
            double[] counts = new double[classes];
            for (int i = from; i < to; i++) {
                counts[y[sample[i]]]++;
            }
            int nonZero = 0;
            for (double c : counts) {
                nonZero += c > 0 ? 1 : 0;
            }
            int bestColumn = -1;
            double bestThreshold = 0;
            if (nonZero > 1) {
                double bestScore = Double.POSITIVE_INFINITY;
                int[] columns = pickColumns(rng);
                for (int col : columns) {
                    // Sort the node's samples by this column: value bits (made order-preserving) above the row index.
                    for (int i = 0; i < n; i++) {
                        int row = sample[from + i];
                        int bits = Float.floatToIntBits(x[row * features + col]);
                        bits ^= (bits >> 31) & 0x7fffffff;
                        keys[i] = ((long) bits << 32) | row;
                    }
                    Arrays.sort(keys, 0, n);
                    double[] left = new double[classes];
                    for (int i = 0; i < n - 1; i++) {
                        int row = (int) keys[i];
                        int nextRow = (int) keys[i + 1];
                        left[y[row]]++;
                        float v = x[row * features + col];
                        float next = x[nextRow * features + col];
                        if (v == next) {
                            continue;
                        }
                        int nl = i + 1;
                        int nr = n - nl;
                        double gl = 1;
                        double gr = 1;
                        for (int c = 0; c < classes; c++) {
                            double pl = left[c] / nl;
                            double pr = (counts[c] - left[c]) / nr;
                            gl -= pl * pl;
                            gr -= pr * pr;
                        }
                        double score = nl * gl + nr * gr;
                        if (score < bestScore) {
                            bestScore = score;
                            bestColumn = col;
                            bestThreshold = ((double) v + (double) next) / 2.0;
                        }
                    }
                }
            }
            int offset = topoLen;
            if (bestColumn < 0) {
                int param = paramLen;
                appendParam(n);
                for (double c : counts) {
                    appendParam(c / n);
                }
                append(DecisionTree.CONST_PROB_LEAF);
                append(param);
                return offset;
            }
            int param = paramLen;
            appendParam(1.0);
            appendParam(bestThreshold);
            append(DecisionTree.THRESHOLD_NODE);
            append(param);
            append(0);
            append(0);
            append(bestColumn);
            // Partition: x < threshold goes left, as prediction does.
            int mid = from;
            for (int i = from; i < to; i++) {
                if (x[sample[i] * features + bestColumn] < bestThreshold) {
                    int t = sample[mid];
                    sample[mid] = sample[i];
                    sample[i] = t;
                    mid++;
                }
            }
            int leftChild = grow(x, y, sample, from, mid, rng, keys);
            int rightChild = grow(x, y, sample, mid, to, rng, keys);
            topo[offset + 2] = leftChild;
            topo[offset + 3] = rightChild;
            return offset;
        }

        private int[] pickColumns(SplittableRandom rng) {
            int[] all = new int[features];
            for (int i = 0; i < features; i++) {
                all[i] = i;
            }
            for (int i = 0; i < mtry; i++) {
                int j = i + rng.nextInt(features - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            return Arrays.copyOf(all, mtry);
        }

        private void append(int v) {
            if (topoLen == topo.length) {
                topo = Arrays.copyOf(topo, topo.length * 2);
            }
            topo[topoLen++] = v;
        }

        private void appendParam(double v) {
            if (paramLen == params.length) {
                params = Arrays.copyOf(params, params.length * 2);
            }
            params[paramLen++] = v;
        }
    }
}
