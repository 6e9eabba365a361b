package org.omeroilastik.engine.workflows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.omeroilastik.engine.forest.DecisionTree;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.engine.forest.RandomForest;
import org.omeroilastik.hdf5.Hdf5Exception;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.hdf5.NodeKind;
import org.omeroilastik.ilp.IlpException;

/** Reads vigra's HDF5 random forest layout ({@code Forest####/Tree_##/topology, parameters}). */
public final class VigraForests {
    private VigraForests() {
    }

    /** The forests under {@code group}, in name order, as ilastik loads them. */
    public static ForestEnsemble read(Hdf5File f, String group) throws IlpException {
        try {
            if (f.kind(group) != NodeKind.GROUP) {
                throw new IlpException(f.path() + ": no trained classifier in " + group + " (train the project in ilastik first)");
            }
            List<RandomForest> forests = new ArrayList<>();
            for (String name : f.children(group)) {
                if (!name.startsWith("Forest") || f.kind(group + "/" + name) != NodeKind.GROUP) {
                    continue;
                }
                String fp = group + "/" + name;
                List<String> treeNames = f.children(fp).stream().filter(t -> t.startsWith("Tree_"))
                        .sorted(Comparator.comparingInt(t -> Integer.parseInt(t.substring(5)))).toList();
                List<DecisionTree> trees = new ArrayList<>(treeNames.size());
                for (String t : treeNames) {
                    String tp = fp + "/" + t;
                    long[] topo = f.read(tp + "/topology").asLongs();
                    int[] topology = new int[topo.length];
                    for (int i = 0; i < topo.length; i++) {
                        topology[i] = (int) topo[i];
                    }
                    try {
                        trees.add(new DecisionTree(topology, f.read(tp + "/parameters").asDoubles()));
                    } catch (IllegalArgumentException e) {
                        throw new IlpException(f.path() + ": " + tp + ": " + e.getMessage());
                    }
                }
                if (trees.isEmpty()) {
                    throw new IlpException(f.path() + ": " + fp + " holds no trees");
                }
                forests.add(new RandomForest(trees));
            }
            if (forests.isEmpty()) {
                throw new IlpException(f.path() + ": " + group + " holds no vigra forests (Forest####); "
                        + "classifiers stored in another form are not supported");
            }
            return new ForestEnsemble(forests);
        } catch (Hdf5Exception e) {
            throw new IlpException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IlpException(f.path() + ": " + group + ": " + e.getMessage(), e);
        }
    }
}
