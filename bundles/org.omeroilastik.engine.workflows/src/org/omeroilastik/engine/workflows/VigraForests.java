package org.omeroilastik.engine.workflows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.omeroilastik.engine.forest.DecisionTree;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.engine.forest.RandomForest;
import org.omeroilastik.hdf5.Hdf5Data;
import org.omeroilastik.hdf5.Hdf5Exception;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.hdf5.NodeKind;
import org.omeroilastik.ilp.IlpException;

/**
 * Reads and writes vigra's HDF5 random forest layout ({@code Forest####/Tree_##/topology, parameters},
 * {@code _ext_param}, {@code _options}) as ilastik stores it under {@code ClassifierForests}.
 */
public final class VigraForests {
    /** ilastik's pickled classifier type, stored beside the forests (protocol-0 pickle of a class reference). */
    static final String PICKLED_TYPE = "clazyflow.classifiers.parallelVigraRfLazyflowClassifier\nParallelVigraRfLazyflowClassifier\np0\n.";

    private VigraForests() {
    }

    /**
     * Writes {@code ensemble} under {@code group} as ilastik 1.4 does: one {@code Forest####} group per
     * forest with vigra's parameter groups, then {@code known_labels}, {@code feature_names} and
     * {@code pickled_type}. {@code rows} is the number of training samples.
     */
    public static void write(Hdf5File f, String group, ForestEnsemble ensemble, int mtry, int rows, List<String> featureNames)
            throws Hdf5Exception {
        f.createGroups(group);
        int index = 0;
        for (RandomForest forest : ensemble.forests()) {
            String fp = String.format("%s/Forest%04d", group, index++);
            f.createGroups(fp);
            f.writeAttribute(fp, "vigra_random_forest_version", Hdf5Data.of(new long[] {1}, new double[] {0.1}));
            int digits = Integer.toString(Math.max(0, forest.treeCount() - 1)).length();
            int t = 0;
            for (DecisionTree tree : forest.trees()) {
                String tp = String.format("%s/Tree_%0" + digits + "d", fp, t++);
                int[] topology = tree.topology();
                double[] parameters = tree.parameters();
                f.writeDataset(tp + "/topology", Hdf5Data.of(new long[] {topology.length}, topology, true), null, 0);
                f.writeDataset(tp + "/parameters", Hdf5Data.of(new long[] {parameters.length}, parameters), null, 0);
            }
            int classes = ensemble.classCount();
            double[] weights = new double[classes];
            java.util.Arrays.fill(weights, 1.0);
            int[] labels = new int[classes];
            for (int c = 0; c < classes; c++) {
                labels[c] = c + 1;
            }
            String ep = fp + "/_ext_param";
            scalar(f, ep + "/actual_msample_", rows);
            scalar(f, ep + "/actual_mtry_", mtry);
            scalar(f, ep + "/class_count_", classes);
            f.writeDataset(ep + "/class_weights_", Hdf5Data.of(new long[] {classes}, weights), null, 0);
            scalar(f, ep + "/column_count_", ensemble.featureCount());
            scalar(f, ep + "/is_weighted_", 1);
            f.writeDataset(ep + "/labels", Hdf5Data.of(new long[] {classes}, labels, false), null, 0);
            scalar(f, ep + "/precision_", 0);
            scalar(f, ep + "/problem_type_", 1);
            scalar(f, ep + "/response_size_", 1);
            scalar(f, ep + "/row_count_", rows);
            scalar(f, ep + "/used_", 1);
            String op = fp + "/_options";
            scalar(f, op + "/min_split_node_size_", 1);
            scalar(f, op + "/mtry_", 0);
            scalar(f, op + "/mtry_func_", 0);
            scalar(f, op + "/mtry_switch_", 6);
            scalar(f, op + "/predict_weighted_", 0);
            scalar(f, op + "/prepare_online_learning_", 0);
            scalar(f, op + "/sample_with_replacement_", 1);
            scalar(f, op + "/stratification_method_", 3);
            scalar(f, op + "/training_set_calc_switch_", 1);
            scalar(f, op + "/training_set_func_", 0);
            scalar(f, op + "/training_set_proportion_", 1);
            scalar(f, op + "/training_set_size_", 0);
            scalar(f, op + "/tree_count_", forest.treeCount());
        }
        int[] known = new int[ensemble.classCount()];
        for (int c = 0; c < known.length; c++) {
            known[c] = c + 1;
        }
        f.writeDataset(group + "/known_labels", Hdf5Data.of(new long[] {known.length}, known, false), null, 0);
        f.writeDataset(group + "/feature_names", Hdf5Data.strings(featureNames), null, 0);
        f.writeDataset(group + "/pickled_type", Hdf5Data.scalar(PICKLED_TYPE), null, 0);
    }

    private static void scalar(Hdf5File f, String path, double value) throws Hdf5Exception {
        f.writeDataset(path, Hdf5Data.of(new long[] {1}, new double[] {value}), null, 0);
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
