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
    private final int[] column;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
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
        column = new int[n];
        threshold = new double[n];
        left = new int[n];
        right = new int[n];
        for (int i = 0; i < n; i++) {
            int node = interiorOffsets.get(i);
            column[i] = topology[node + 4];
            threshold[i] = parameters[topology[node + 1] + 1];
            left[i] = ref(topology[node + 2], interior, leaves);
            right[i] = ref(topology[node + 3], interior, leaves);
        }
        leafProbabilities = new double[leafOffsets.size() * classCount];
        for (int i = 0; i < leafOffsets.size(); i++) {
            int param = topology[leafOffsets.get(i) + 1];
            System.arraycopy(parameters, param + 1, leafProbabilities, i * classCount, classCount);
        }
        rootRef = ref(ROOT, interior, leaves);
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
        while (n >= 0) {
            n = row[offset + column[n]] < threshold[n] ? left[n] : right[n];
        }
        return (-n - 1) * classCount;
    }

    double leafProbability(int leafIndex, int classIndex) {
        return leafProbabilities[leafIndex + classIndex];
    }
}
