package org.omeroilastik.engine.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.omeroilastik.engine.features.FeatureId;
import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.engine.features.PixelFeatures;
import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.engine.forest.DecisionTree;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.engine.forest.RandomForest;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Runs one pixel classification case of cases.json through features and forests, whole-image. */
final class ConformanceCase {
    private ConformanceCase() {
    }

    /** Probabilities in yxc (or zyxc) order, flattened, as the expected .npy stores them. */
    static float[] predict(String project, String input, String dataset, String axes) throws Exception {
        IlpProject p = Services.get(IlpReader.class).read(Conformance.file(project));
        FeatureSelection fs = p.applet("FeatureSelections", FeatureSelection.class).orElseThrow();
        FeatureSpec spec = new FeatureSpec(fs.featureIds().stream().map(FeatureId::of).toList(), fs.scales(), fs.selected(),
                fs.computeIn2d());
        Path in = Conformance.file(input);
        ImageSource src = dataset == null ? ImageSource.of(in) : ImageSource.parse(in + "/" + dataset);
        NdImage image = Services.get(ImageFormats.class).read(src.withAxes(AxisOrder.of(axes)));
        List<Volume> channels = channels(image);
        List<Volume> features = new PixelFeatures(spec).compute(channels);
        ForestEnsemble ensemble = forests(Conformance.file(project), "PixelClassification/ClassifierForests");
        if (ensemble.featureCount() != features.size()) {
            throw new AssertionError("features " + features.size() + " vs forest columns " + ensemble.featureCount());
        }
        int n = features.get(0).size();
        int nf = features.size();
        float[] x = new float[n * nf];
        for (int f = 0; f < nf; f++) {
            float[] d = features.get(f).data();
            for (int i = 0; i < n; i++) {
                x[i * nf + f] = d[i];
            }
        }
        float[] out = new float[n * ensemble.classCount()];
        ensemble.predict(x, n, out, new float[ensemble.classCount()]);
        return out;
    }

    /** Splits an image into float32 channel volumes (t must be 1). */
    static List<Volume> channels(NdImage image) {
        var d = image.descriptor();
        if (d.size(Axis.T) != 1) {
            throw new IllegalArgumentException("one time point expected");
        }
        int nz = (int) d.size(Axis.Z), ny = (int) d.size(Axis.Y), nx = (int) d.size(Axis.X), nc = (int) d.channels();
        List<Volume> out = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            out.add(Volume.zeros(nz, ny, nx));
        }
        AxisOrder axes = d.axes();
        long[] shape = d.shape();
        int rank = shape.length;
        long[] pos = new long[rank];
        Cursor<?> cur = Views.flatIterable(image.pixels()).cursor();
        while (cur.hasNext()) {
            float v = ((RealType<?>) cur.next()).getRealFloat();
            int z = 0, y = 0, x = 0, c = 0;
            for (int i = 0; i < rank; i++) {
                int p = (int) pos[i];
                switch (axes.get(i)) {
                    case Z -> z = p;
                    case Y -> y = p;
                    case X -> x = p;
                    case C -> c = p;
                    default -> {
                    }
                }
            }
            out.get(c).data()[(z * ny + y) * nx + x] = v;
            for (int i = rank - 1; i >= 0; i--) {
                if (++pos[i] < shape[i]) {
                    break;
                }
                pos[i] = 0;
            }
        }
        return out;
    }

    static ForestEnsemble forests(Path ilp, String group) throws Exception {
        List<RandomForest> forests = new ArrayList<>();
        try (Hdf5File f = Hdf5File.open(ilp)) {
            for (String name : f.children(group)) {
                if (!name.startsWith("Forest")) {
                    continue;
                }
                List<DecisionTree> trees = new ArrayList<>();
                List<String> treeNames = f.children(group + "/" + name).stream().filter(t -> t.startsWith("Tree_"))
                        .sorted(java.util.Comparator.comparingInt(t -> Integer.parseInt(t.substring(5)))).toList();
                for (String t : treeNames) {
                    String tp = group + "/" + name + "/" + t;
                    long[] topo = f.read(tp + "/topology").asLongs();
                    int[] topology = new int[topo.length];
                    for (int i = 0; i < topo.length; i++) {
                        topology[i] = (int) topo[i];
                    }
                    trees.add(new DecisionTree(topology, f.read(tp + "/parameters").asDoubles()));
                }
                forests.add(new RandomForest(trees));
            }
        }
        return new ForestEnsemble(forests);
    }

    /** ilastik's cross-architecture tolerance: < 0.1 % of values off by ≥ 0.015, none by ≥ 0.15. */
    record Comparison(int values, int exact, float maxDiff, int over015, int over15) {
        boolean withinIlastikCross() {
            return over015 < values * 0.001 && over15 == 0;
        }

        static Comparison of(float[] expected, float[] actual) {
            if (expected.length != actual.length) {
                throw new AssertionError("length " + actual.length + " vs expected " + expected.length);
            }
            int exact = 0, a = 0, b = 0;
            float max = 0;
            for (int i = 0; i < expected.length; i++) {
                float d = Math.abs(expected[i] - actual[i]);
                exact += Float.floatToIntBits(expected[i]) == Float.floatToIntBits(actual[i]) ? 1 : 0;
                max = Math.max(max, d);
                a += d >= 0.015f ? 1 : 0;
                b += d >= 0.15f ? 1 : 0;
            }
            return new Comparison(expected.length, exact, max, a, b);
        }
    }
}
