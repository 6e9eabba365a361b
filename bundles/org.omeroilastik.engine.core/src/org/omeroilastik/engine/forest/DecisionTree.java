package org.omeroilastik.engine.forest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One vigra decision tree. Built from its serialised layout: {@code topology} = [feature count,
 * class count, nodes...], an interior node [0, parameter index, left, right, feature column], a leaf
 * [0x40000000, parameter index], children as offsets into {@code topology}; {@code parameters} holds
 * [weight, threshold] per interior node and [weight, p_1..p_K] per leaf. Kept as flat arrays (column,
 * threshold, children; leaves as negative indices) so a prediction walks memory linearly.
 */
public final class DecisionTree {
    static final int THRESHOLD_NODE = 0;
    static final int CONST_PROB_LEAF = 0x40000000;
    private static final int ROOT = 2;

    private final int featureCount;
    private final int classCount;
    /**
     * Interior node n packed at 4n: feature column, threshold bits, left child, right child. The
     * threshold is the smallest float not below vigra's double threshold: for any float x, x &lt; t in
     * double exactly when x &lt; that float, so the walk compares floats. Children ≥ 0 are interior
     * nodes, negative ones leaves.
     */
    private final int[] nodes;
    /** Leaf class probabilities, classCount per leaf. */
    private final double[] leafProbabilities;
    /** The same, cast to float once: vigra adds the float cast to the vote and the double to the total. */
    private final float[] leafVotes;
    private final int rootRef;
    private final int[] topology;
    private final double[] parameters;

    public DecisionTree(int[] topology, double[] parameters) {
        if (topology.length < 4) {
            throw new IllegalArgumentException("tree topology too short: " + topology.length);
        }
        this.topology = topology.clone();
        this.parameters = parameters.clone();
        featureCount = topology[0];
        classCount = topology[1];
        Map<Integer, Integer> interior = new HashMap<>();
        Map<Integer, Integer> leaves = new HashMap<>();
        List<Integer> interiorOffsets = new ArrayList<>();
        List<Integer> leafOffsets = new ArrayList<>();
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(ROOT);
        while (!todo.isEmpty()) {
            int node = todo.pop();
            if (interior.containsKey(node) || leaves.containsKey(node)) {
                continue;
            }
            if (node < ROOT || node + 1 >= topology.length || interior.size() + leaves.size() > topology.length) {
                throw new IllegalArgumentException("corrupt tree topology at offset " + node);
            }
            int type = topology[node];
            int param = topology[node + 1];
            if (type == THRESHOLD_NODE) {
                if (node + 4 >= topology.length || param < 0 || param + 1 >= parameters.length
                        || topology[node + 4] < 0 || topology[node + 4] >= featureCount) {
                    throw new IllegalArgumentException("corrupt interior node at offset " + node);
                }
                interior.put(node, interiorOffsets.size());
                interiorOffsets.add(node);
                todo.push(topology[node + 3]);
                todo.push(topology[node + 2]);
            } else if (type == CONST_PROB_LEAF) {
                if (param < 0 || param + classCount >= parameters.length) {
                    throw new IllegalArgumentException("corrupt leaf at offset " + node);
                }
                leaves.put(node, leafOffsets.size());
                leafOffsets.add(node);
            } else {
                throw new IllegalArgumentException("unsupported vigra node type 0x" + Integer.toHexString(type) + " at offset " + node);
            }
        }
        int n = interiorOffsets.size();
        nodes = new int[4 * n];
        for (int i = 0; i < n; i++) {
            int node = interiorOffsets.get(i);
            nodes[4 * i] = topology[node + 4];
            nodes[4 * i + 1] = Float.floatToRawIntBits(floatThreshold(parameters[topology[node + 1] + 1]));
            nodes[4 * i + 2] = ref(topology[node + 2], interior, leaves);
            nodes[4 * i + 3] = ref(topology[node + 3], interior, leaves);
        }
        leafProbabilities = new double[leafOffsets.size() * classCount];
        for (int i = 0; i < leafOffsets.size(); i++) {
            int param = topology[leafOffsets.get(i) + 1];
            System.arraycopy(parameters, param + 1, leafProbabilities, i * classCount, classCount);
        }
        leafVotes = new float[leafProbabilities.length];
        for (int i = 0; i < leafVotes.length; i++) {
            leafVotes[i] = (float) leafProbabilities[i];
        }
        rootRef = ref(ROOT, interior, leaves);
    }

    /**
     * The smallest float ≥ t, so that for every float x, x &lt; t exactly when x &lt; it. A zero threshold
     * is stored as −0.0 so that the sign of x − threshold decides the branch for x = ±0 too.
     */
    static float floatThreshold(double t) {
        float f = (float) t;
        f = f < t ? Math.nextUp(f) : f;
        return f == 0f ? -0f : f;
    }

    /**
     * 3 − (1 if x &lt; threshold else 0), without a branch: the sign bit of x − threshold (exact for
     * floats: x − t is negative exactly when x &lt; t, zero only when equal). Feature rows with NaN are
     * zeroed by the caller, as vigra does.
     */
    private static int childSlot(float x, int thresholdBits) {
        return 3 - (Float.floatToRawIntBits(x - Float.intBitsToFloat(thresholdBits)) >>> 31);
    }

    /**
     * One step down from interior node n of the packed {@code nodes} (this layout, also
     * {@link PackedForest}'s) for the row starting at {@code row} of {@code x}: the child's reference.
     */
    static int step(int[] nodes, int n, float[] x, int row) {
        int b = n << 2;
        return nodes[b + childSlot(x[row + nodes[b]], nodes[b + 1])];
    }

    /** Interior nodes as indices ≥ 0, leaves as -(leaf index + 1). */
    private static int ref(int offset, Map<Integer, Integer> interior, Map<Integer, Integer> leaves) {
        Integer i = interior.get(offset);
        return i != null ? i : -(leaves.get(offset) + 1);
    }

    /** vigra's serialised topology (for writing the tree back). */
    public int[] topology() {
        return topology.clone();
    }

    /** vigra's serialised parameters. */
    public double[] parameters() {
        return parameters.clone();
    }

    /** Interior nodes, four ints each (see {@link #nodes}); for packing several trees into one array. */
    int[] nodeArray() {
        return nodes;
    }

    /** The root: an interior node index ≥ 0, or a leaf as -(leaf index + 1). */
    int rootRef() {
        return rootRef;
    }

    double[] leafProbabilities() {
        return leafProbabilities;
    }

    float[] leafVotes() {
        return leafVotes;
    }

    public int featureCount() {
        return featureCount;
    }

    public int classCount() {
        return classCount;
    }

    /** Index into the leaf probabilities of the leaf {@code row[offset..]} reaches; go left when x &lt; threshold. */
    int leaf(float[] row, int offset) {
        int n = rootRef;
        int[] t = nodes;
        while (n >= 0) {
            n = step(t, n, row, offset);
        }
        return (-n - 1) * classCount;
    }

    /**
     * Adds this tree's vote for {@code rows} rows of {@code x} (row-major, {@code stride} floats each) to
     * {@code votes} (classCount floats per row) and {@code totals}, as vigra does per tree: the vote's
     * float cast to each class, its double to the row's total, classes in order. Four rows are walked
     * together so that the processor overlaps their memory accesses.
     */
    void vote(float[] x, int rows, int stride, float[] votes, double[] totals) {
        int[] t = nodes;
        int r4 = rows & ~3;
        for (int r = 0; r < r4; r += 4) {
            int o0 = r * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride;
            int n0 = rootRef, n1 = rootRef, n2 = rootRef, n3 = rootRef;
            while ((n0 | n1 | n2 | n3) >= 0) {
                n0 = step(t, n0, x, o0);
                n1 = step(t, n1, x, o1);
                n2 = step(t, n2, x, o2);
                n3 = step(t, n3, x, o3);
            }
            // Some walks ended earlier; finish the others one by one.
            while (n0 >= 0) {
                n0 = step(t, n0, x, o0);
            }
            while (n1 >= 0) {
                n1 = step(t, n1, x, o1);
            }
            while (n2 >= 0) {
                n2 = step(t, n2, x, o2);
            }
            while (n3 >= 0) {
                n3 = step(t, n3, x, o3);
            }
            add((-n0 - 1) * classCount, r, votes, totals);
            add((-n1 - 1) * classCount, r + 1, votes, totals);
            add((-n2 - 1) * classCount, r + 2, votes, totals);
            add((-n3 - 1) * classCount, r + 3, votes, totals);
        }
        for (int r = r4; r < rows; r++) {
            add(leaf(x, r * stride), r, votes, totals);
        }
    }

    /** Adds the probabilities of the leaf at offset {@code p} to row r (two classes, the common case, unrolled). */
    private void add(int p, int r, float[] votes, double[] totals) {
        int k = classCount;
        int o = r * k;
        if (k == 2) {
            votes[o] += leafVotes[p];
            votes[o + 1] += leafVotes[p + 1];
            totals[r] = totals[r] + leafProbabilities[p] + leafProbabilities[p + 1];
            return;
        }
        double total = totals[r];
        for (int l = 0; l < k; l++) {
            votes[o + l] += leafVotes[p + l];
            total += leafProbabilities[p + l];
        }
        totals[r] = total;
    }

    double leafProbability(int leafIndex, int classIndex) {
        return leafProbabilities[leafIndex + classIndex];
    }
}
