package org.omeroilastik.engine.forest;

/**
 * One vigra decision tree in its serialised layout. {@code topology} = [feature count, class count,
 * nodes...]: an interior node is [0, parameter index, left, right, feature column], a leaf is
 * [0x40000000, parameter index]; child entries are offsets into {@code topology}. {@code parameters}
 * holds [weight, threshold] for interior nodes and [weight, p_1..p_K] for leaves.
 */
public final class DecisionTree {
    static final int THRESHOLD_NODE = 0;
    static final int CONST_PROB_LEAF = 0x40000000;
    private static final int ROOT = 2;

    private final int[] topology;
    private final double[] parameters;

    public DecisionTree(int[] topology, double[] parameters) {
        if (topology.length < 4) {
            throw new IllegalArgumentException("tree topology too short: " + topology.length);
        }
        this.topology = topology.clone();
        this.parameters = parameters.clone();
        validate();
    }

    public int featureCount() {
        return topology[0];
    }

    public int classCount() {
        return topology[1];
    }

    /** Offset into the parameters of the leaf that {@code row} reaches (its class probabilities follow the weight). */
    int leaf(float[] row, int offset) {
        int node = ROOT;
        while (topology[node] == THRESHOLD_NODE) {
            double threshold = parameters[topology[node + 1] + 1];
            node = row[offset + topology[node + 4]] < threshold ? topology[node + 2] : topology[node + 3];
        }
        return topology[node + 1];
    }

    double parameter(int index) {
        return parameters[index];
    }

    private void validate() {
        // Walk every node once so a corrupt forest fails here, not deep inside a prediction.
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(ROOT);
        int visited = 0;
        while (!todo.isEmpty()) {
            int node = todo.pop();
            if (++visited > topology.length || node < ROOT || node + 1 >= topology.length) {
                throw new IllegalArgumentException("corrupt tree topology at offset " + node);
            }
            int type = topology[node];
            int param = topology[node + 1];
            if (type == THRESHOLD_NODE) {
                if (node + 4 >= topology.length || param + 1 >= parameters.length || topology[node + 4] >= featureCount()) {
                    throw new IllegalArgumentException("corrupt interior node at offset " + node);
                }
                todo.push(topology[node + 2]);
                todo.push(topology[node + 3]);
            } else if (type == CONST_PROB_LEAF) {
                if (param + classCount() >= parameters.length) {
                    throw new IllegalArgumentException("corrupt leaf at offset " + node);
                }
            } else {
                throw new IllegalArgumentException("unsupported vigra node type 0x" + Integer.toHexString(type) + " at offset " + node);
            }
        }
    }
}
