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
            int b = n << 2;
            n = t[b + childSlot(row[offset + t[b]], t[b + 1])];
        }
        return (-n - 1) * classCount;
    }

    /**
     * The leaves four rows reach (rows at offsets o0..o3 of {@code x}), walked together so that the
     * processor overlaps their memory accesses; written to {@code leaves[at..at+3]}.
     */
    void leaves4(float[] x, int o0, int o1, int o2, int o3, int[] leaves, int at) {
        int[] t = nodes;
        int n0 = rootRef, n1 = rootRef, n2 = rootRef, n3 = rootRef;
        while ((n0 | n1 | n2 | n3) >= 0) {
            int b0 = n0 << 2, b1 = n1 << 2, b2 = n2 << 2, b3 = n3 << 2;
            n0 = t[b0 + childSlot(x[o0 + t[b0]], t[b0 + 1])];
            n1 = t[b1 + childSlot(x[o1 + t[b1]], t[b1 + 1])];
            n2 = t[b2 + childSlot(x[o2 + t[b2]], t[b2 + 1])];
            n3 = t[b3 + childSlot(x[o3 + t[b3]], t[b3 + 1])];
        }
        // Some walks ended earlier; finish the others one by one.
        while (n0 >= 0) {
            int b = n0 << 2;
            n0 = t[b + childSlot(x[o0 + t[b]], t[b + 1])];
        }
        while (n1 >= 0) {
            int b = n1 << 2;
            n1 = t[b + childSlot(x[o1 + t[b]], t[b + 1])];
        }
        while (n2 >= 0) {
            int b = n2 << 2;
            n2 = t[b + childSlot(x[o2 + t[b]], t[b + 1])];
        }
        while (n3 >= 0) {
            int b = n3 << 2;
            n3 = t[b + childSlot(x[o3 + t[b]], t[b + 1])];
        }
        leaves[at] = (-n0 - 1) * classCount;
        leaves[at + 1] = (-n1 - 1) * classCount;
        leaves[at + 2] = (-n2 - 1) * classCount;
        leaves[at + 3] = (-n3 - 1) * classCount;
    }

    double leafProbability(int leafIndex, int classIndex) {
        return leafProbabilities[leafIndex + classIndex];
    }
}
