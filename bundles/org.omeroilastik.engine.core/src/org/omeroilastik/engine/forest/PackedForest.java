package org.omeroilastik.engine.forest;

import java.util.List;

/**
 * The trees of a two-class forest packed into one array, for forests small enough to stay in the
 * processor's caches (ilastik's forests trained on sparse labels have a handful of nodes per tree).
 * Rows are then predicted row by row, every tree in turn, as vigra does: the votes of four rows
 * accumulate in registers instead of in memory after every tree.
 */
final class PackedForest {
    /** Above this size the trees no longer fit the second-level cache, and walking tree by tree is faster. */
    static final int MAX_BYTES = 512 * 1024;

    /** All trees' interior nodes (column, threshold bits, left, right), children as absolute indices. */
    private final int[] nodes;
    /** Each tree's root, an interior node index or a leaf as -(leaf index + 1). */
    private final int[] roots;
    private final float[] leafVotes;
    private final double[] leafProbabilities;

    private PackedForest(int[] nodes, int[] roots, float[] leafVotes, double[] leafProbabilities) {
        this.nodes = nodes;
        this.roots = roots;
        this.leafVotes = leafVotes;
        this.leafProbabilities = leafProbabilities;
    }

    /** The packed form of {@code trees} if they predict two classes and fit {@link #MAX_BYTES}, else null. */
    static PackedForest of(List<DecisionTree> trees) {
        if (trees.get(0).classCount() != 2) {
            return null;
        }
        long nodeInts = 0;
        long leafValues = 0;
        for (DecisionTree t : trees) {
            nodeInts += t.nodeArray().length;
            leafValues += t.leafVotes().length;
        }
        if (4 * nodeInts + 12 * leafValues > MAX_BYTES) {
            return null;
        }
        int[] nodes = new int[(int) nodeInts];
        float[] votes = new float[(int) leafValues];
        double[] probabilities = new double[(int) leafValues];
        int[] roots = new int[trees.size()];
        int nodeBase = 0;
        int leafBase = 0;
        for (int k = 0; k < trees.size(); k++) {
            DecisionTree t = trees.get(k);
            int[] tn = t.nodeArray();
            for (int i = 0; i < tn.length; i += 4) {
                nodes[nodeBase * 4 + i] = tn[i];
                nodes[nodeBase * 4 + i + 1] = tn[i + 1];
                nodes[nodeBase * 4 + i + 2] = shift(tn[i + 2], nodeBase, leafBase);
                nodes[nodeBase * 4 + i + 3] = shift(tn[i + 3], nodeBase, leafBase);
            }
            roots[k] = shift(t.rootRef(), nodeBase, leafBase);
            System.arraycopy(t.leafVotes(), 0, votes, 2 * leafBase, t.leafVotes().length);
            System.arraycopy(t.leafProbabilities(), 0, probabilities, 2 * leafBase, t.leafProbabilities().length);
            nodeBase += tn.length / 4;
            leafBase += t.leafVotes().length / 2;
        }
        return new PackedForest(nodes, roots, votes, probabilities);
    }

    private static int shift(int ref, int nodeBase, int leafBase) {
        return ref >= 0 ? ref + nodeBase : ref - leafBase;
    }

    /**
     * vigra's predictProbabilities of {@code rows} rows of {@code x} ({@code stride} floats each) into
     * {@code out} (two floats per row): per row, votes summed in float and the total in double, tree by
     * tree in order; rows with {@code nan[r]} get zeros.
     */
    void predictRows(float[] x, int rows, int stride, boolean[] nan, float[] out) {
        int[] t = nodes;
        float[] v = leafVotes;
        double[] w = leafProbabilities;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = r * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
            float a0 = 0f, b0 = 0f, a1 = 0f, b1 = 0f, a2 = 0f, b2 = 0f, a3 = 0f, b3 = 0f;
            double t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0;
            for (int root : roots) {
                int n0 = root, n1 = root, n2 = root, n3 = root;
                while ((n0 | n1 | n2 | n3) >= 0) {
                    n0 = DecisionTree.step(t, n0, x, o0);
                    n1 = DecisionTree.step(t, n1, x, o1);
                    n2 = DecisionTree.step(t, n2, x, o2);
                    n3 = DecisionTree.step(t, n3, x, o3);
                }
                while (n0 >= 0) {
                    n0 = DecisionTree.step(t, n0, x, o0);
                }
                while (n1 >= 0) {
                    n1 = DecisionTree.step(t, n1, x, o1);
                }
                while (n2 >= 0) {
                    n2 = DecisionTree.step(t, n2, x, o2);
                }
                while (n3 >= 0) {
                    n3 = DecisionTree.step(t, n3, x, o3);
                }
                int p0 = (-n0 - 1) << 1, p1 = (-n1 - 1) << 1, p2 = (-n2 - 1) << 1, p3 = (-n3 - 1) << 1;
                a0 += v[p0];
                b0 += v[p0 + 1];
                t0 = t0 + w[p0] + w[p0 + 1];
                a1 += v[p1];
                b1 += v[p1 + 1];
                t1 = t1 + w[p1] + w[p1 + 1];
                a2 += v[p2];
                b2 += v[p2 + 1];
                t2 = t2 + w[p2] + w[p2 + 1];
                a3 += v[p3];
                b3 += v[p3 + 1];
                t3 = t3 + w[p3] + w[p3 + 1];
            }
            store(out, r, a0, b0, t0, nan[r]);
            store(out, r + 1, a1, b1, t1, nan[r + 1]);
            store(out, r + 2, a2, b2, t2, nan[r + 2]);
            store(out, r + 3, a3, b3, t3, nan[r + 3]);
        }
        for (; r < rows; r++) {
            int o = r * stride;
            float a = 0f, b = 0f;
            double total = 0.0;
            for (int root : roots) {
                int n = root;
                while (n >= 0) {
                    n = DecisionTree.step(t, n, x, o);
                }
                int p = (-n - 1) << 1;
                a += v[p];
                b += v[p + 1];
                total = total + w[p] + w[p + 1];
            }
            store(out, r, a, b, total, nan[r]);
        }
    }

    private static void store(float[] out, int r, float a, float b, double total, boolean nan) {
        float totalF = (float) total;
        out[2 * r] = nan ? 0f : a / totalF;
        out[2 * r + 1] = nan ? 0f : b / totalF;
    }
}
