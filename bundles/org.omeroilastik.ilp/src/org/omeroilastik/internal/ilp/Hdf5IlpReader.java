package org.omeroilastik.internal.ilp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.omeroilastik.hdf5.Hdf5Data;
import org.omeroilastik.hdf5.Hdf5Exception;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.hdf5.Hdf5Type;
import org.omeroilastik.hdf5.NodeKind;
import org.omeroilastik.ilp.AppletSummary;
import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.ForestSummary;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.ilp.InputLane;
import org.omeroilastik.ilp.Label;
import org.omeroilastik.ilp.LaneDataset;
import org.omeroilastik.ilp.ObjectClassifier;
import org.omeroilastik.ilp.ObjectFeatures;
import org.omeroilastik.ilp.PixelClassifier;
import org.omeroilastik.ilp.Thresholding;
import org.omeroilastik.ilp.TrackingSettings;
import org.omeroilastik.ilp.UnsupportedWorkflowException;
import org.omeroilastik.ilp.Workflow;
import org.omeroilastik.image.io.AxisTags;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.osgi.service.component.annotations.Component;

/** Reads .ilp files through our HDF5 layer, applet by applet, the way ilastik's serializers store them. */
@Component(service = IlpReader.class)
public final class Hdf5IlpReader implements IlpReader {
    private static final String[] THRESHOLD_METHODS = {"SIMPLE", "HYSTERESIS", "GRAPHCUT", "IPHT"};
    private static final Pattern PICKLED_CLASS = Pattern.compile("\\(c?[\\w.]+\\n(\\w+)\\n");

    @Override
    public IlpProject read(Path file) throws IlpException {
        try (Hdf5File f = Hdf5File.open(file)) {
            if (f.kind("workflowName") != NodeKind.DATASET) {
                throw new IlpException(file + ": not an ilastik project (no workflowName)");
            }
            String name = f.read("workflowName").asString();
            Workflow workflow = Workflow.ofStoredName(name).orElseThrow(() -> new UnsupportedWorkflowException(name));
            String version = f.kind("ilastikVersion") == NodeKind.DATASET ? f.read("ilastikVersion").asString() : "unknown";
            List<String> roles = f.kind("Input Data/Role Names") == NodeKind.DATASET ? f.read("Input Data/Role Names").asStrings() : List.of();
            List<InputLane> lanes = lanes(f);
            Map<String, AppletSummary> applets = new LinkedHashMap<>();
            int rawChannels = rawChannels(lanes);
            Boolean volumetric = volumetric(lanes);
            Optional<PixelClassifier> stage1 = Optional.empty();
            if (f.kind("PixelClassification") == NodeKind.GROUP) {
                stage1 = Optional.of(pixelClassifier(f, "PixelClassification"));
            }
            FeatureSelection first = null;
            if (f.kind("FeatureSelections") == NodeKind.GROUP) {
                first = featureSelection(f, "FeatureSelections", rawChannels, volumetric, stage1.flatMap(PixelClassifier::forests));
                applets.put("FeatureSelections", first);
            }
            stage1.ifPresent(p -> applets.put(p.group(), p));
            if (f.kind("FeatureSelections01") == NodeKind.GROUP) {
                // Autocontext stage 2 sees the raw channels followed by stage 1's probabilities (one per stage-1 class),
                // on the same data as stage 1.
                int stage1Classes = stage1.flatMap(PixelClassifier::forests).map(ForestSummary::classes)
                        .orElse(stage1.map(p -> p.labels().size()).orElse(0));
                int stage1Inputs = first != null ? first.inputChannels() : rawChannels;
                Boolean stage1Volumetric = first != null ? Boolean.valueOf(first.volumetric()) : volumetric;
                Optional<ForestSummary> forests2 = f.kind("PixelClassification01") == NodeKind.GROUP
                        ? pixelClassifier(f, "PixelClassification01").forests() : Optional.empty();
                applets.put("FeatureSelections01", featureSelection(f, "FeatureSelections01",
                        stage1Inputs < 0 ? -1 : stage1Inputs + stage1Classes, stage1Volumetric, forests2));
            }
            if (f.kind("PixelClassification01") == NodeKind.GROUP) {
                applets.put("PixelClassification01", pixelClassifier(f, "PixelClassification01"));
            }
            if (f.kind("ThresholdTwoLevels") == NodeKind.GROUP) {
                applets.put("ThresholdTwoLevels", thresholding(f));
            }
            if (f.kind("ObjectExtraction/Features") == NodeKind.GROUP) {
                applets.put("ObjectExtraction", objectFeatures(f, "ObjectExtraction", "ObjectExtraction/Features"));
            }
            for (String g : List.of("ObjectClassification", "CountClassification", "DivisionDetection")) {
                if (f.kind(g) == NodeKind.GROUP) {
                    applets.put(g, objectClassifier(f, g));
                }
            }
            for (String g : List.of("StructuredTracking", "ConservationTracking")) {
                if (f.kind(g + "/Parameters") == NodeKind.GROUP) {
                    applets.put(g, tracking(f, g));
                }
            }
            return new IlpProject(file, name, workflow, version, roles, lanes, applets);
        } catch (Hdf5Exception e) {
            throw new IlpException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IlpException(file + ": malformed ilastik project: " + e.getMessage(), e);
        }
    }

    // ---- input lanes ------------------------------------------------------------------------

    private static List<InputLane> lanes(Hdf5File f) throws Hdf5Exception {
        List<InputLane> lanes = new ArrayList<>();
        if (f.kind("Input Data/infos") != NodeKind.GROUP) {
            return lanes;
        }
        int index = 0;
        for (String lane : f.children("Input Data/infos")) {
            String lanePath = "Input Data/infos/" + lane;
            List<LaneDataset> datasets = new ArrayList<>();
            for (String role : f.children(lanePath)) {
                String p = lanePath + "/" + role;
                if (f.kind(p) != NodeKind.GROUP || f.kind(p + "/filePath") != NodeKind.DATASET) {
                    continue; // an empty role (e.g. no prediction mask)
                }
                Optional<AxisOrder> axes = Optional.empty();
                if (f.kind(p + "/axistags") == NodeKind.DATASET) {
                    axes = Optional.of(AxisTags.parse(f.read(p + "/axistags").asString()).order());
                } else if (f.kind(p + "/axisorder") == NodeKind.DATASET) {
                    axes = Optional.of(AxisOrder.of(f.read(p + "/axisorder").asString()));
                }
                long[] shape = f.kind(p + "/shape") == NodeKind.DATASET ? f.read(p + "/shape").asLongs() : new long[0];
                datasets.add(new LaneDataset(role, f.read(p + "/filePath").asString(), string(f, p + "/nickname"),
                        string(f, p + "/location"), axes, shape));
            }
            lanes.add(new InputLane(index++, datasets));
        }
        return lanes;
    }

    private static int rawChannels(List<InputLane> lanes) {
        return lanes.stream().flatMap(l -> l.role("Raw Data").stream())
                .map(d -> d.size(Axis.C)).flatMap(Optional::stream).findFirst().map(Long::intValue).orElse(-1);
    }

    /** True, false, or null when no lane records a z extent. */
    private static Boolean volumetric(List<InputLane> lanes) {
        return lanes.stream().flatMap(l -> l.role("Raw Data").stream())
                .map(d -> d.size(Axis.Z)).flatMap(Optional::stream).findFirst().map(z -> z > 1).orElse(null);
    }

    // ---- pixel features and classifiers -------------------------------------------------------------

    private static FeatureSelection featureSelection(Hdf5File f, String g, int inputChannels, Boolean volumetric,
            Optional<ForestSummary> forests) throws Hdf5Exception, IlpException {
        List<String> ids = f.kind(g + "/FeatureIds") == NodeKind.DATASET ? f.read(g + "/FeatureIds").asStrings() : List.of();
        double[] scales = f.kind(g + "/Scales") == NodeKind.DATASET ? f.read(g + "/Scales").asDoubles() : new double[0];
        boolean[][] selected = new boolean[ids.size()][scales.length];
        if (f.kind(g + "/SelectionMatrix") == NodeKind.DATASET) {
            Hdf5Data m = f.read(g + "/SelectionMatrix");
            long[] shape = m.shape();
            boolean[] flat = m.asBooleans();
            if (shape.length != 2 || shape[0] != ids.size() || shape[1] != scales.length) {
                throw new IlpException(f.path() + ": " + g + "/SelectionMatrix has shape " + java.util.Arrays.toString(shape)
                        + ", expected [" + ids.size() + ", " + scales.length + "]");
            }
            for (int i = 0; i < ids.size(); i++) {
                System.arraycopy(flat, i * scales.length, selected[i], 0, scales.length);
            }
        }
        boolean[] in2d = f.kind(g + "/ComputeIn2d") == NodeKind.DATASET ? f.read(g + "/ComputeIn2d").asBooleans()
                : new boolean[scales.length];
        int columns = forests.map(ForestSummary::featureCount).orElse(-1);
        // Where a lane does not record channels or z, the trained forest's column count decides.
        List<Integer> channelOptions = inputChannels > 0 ? List.of(inputChannels) : List.of(1, 2, 3, 4, 5, 6, 7, 8);
        List<Boolean> volumeOptions = volumetric != null ? List.of(volumetric) : List.of(false, true);
        int channels = channelOptions.get(0);
        boolean volume = volumeOptions.get(0);
        outer:
        for (int c : channelOptions) {
            for (boolean v : volumeOptions) {
                if (FeatureSelection.countChannels(ids, selected, in2d, c, v) == columns) {
                    channels = c;
                    volume = v;
                    break outer;
                }
            }
        }
        int count = FeatureSelection.countChannels(ids, selected, in2d, channels, volume);
        return new FeatureSelection(g, ids, scales, selected, in2d, channels, volume, count);
    }

    private static PixelClassifier pixelClassifier(Hdf5File f, String g) throws Hdf5Exception {
        List<Label> labels = labels(f, g);
        int blocks = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Label l : labels) {
            counts.put(l.name(), 0L);
        }
        if (f.kind(g + "/LabelSets") == NodeKind.GROUP) {
            for (String lane : f.children(g + "/LabelSets")) {
                String lp = g + "/LabelSets/" + lane;
                if (f.kind(lp) != NodeKind.GROUP) {
                    continue;
                }
                for (String block : f.children(lp)) {
                    if (f.kind(lp + "/" + block) != NodeKind.DATASET) {
                        continue;
                    }
                    blocks++;
                    for (long v : f.read(lp + "/" + block).asLongs()) {
                        if (v > 0 && v <= labels.size()) {
                            counts.merge(labels.get((int) v - 1).name(), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        String type = "none";
        if (f.kind(g + "/ClassifierFactory") == NodeKind.DATASET) {
            Hdf5Data factory = f.read(g + "/ClassifierFactory");
            String pickled = factory.type().typeClass() == Hdf5Type.TypeClass.OPAQUE
                    ? new String((byte[]) factory.array(), java.nio.charset.StandardCharsets.ISO_8859_1) : factory.asString();
            Matcher m = PICKLED_CLASS.matcher(pickled);
            type = m.find() ? m.group(1) : "unknown";
        }
        return new PixelClassifier(g, labels, blocks, counts, type, forests(f, g + "/ClassifierForests"));
    }

    private static Optional<ForestSummary> forests(Hdf5File f, String g) throws Hdf5Exception {
        if (f.kind(g) != NodeKind.GROUP) {
            return Optional.empty();
        }
        int count = 0;
        int trees = 0;
        int features = -1;
        int classes = -1;
        for (String child : f.children(g)) {
            String fp = g + "/" + child;
            if (!child.startsWith("Forest") || f.kind(fp) != NodeKind.GROUP) {
                continue;
            }
            count++;
            for (String t : f.children(fp)) {
                if (t.startsWith("Tree_")) {
                    trees++;
                }
            }
            if (features < 0 && f.kind(fp + "/_ext_param/column_count_") == NodeKind.DATASET) {
                features = (int) f.read(fp + "/_ext_param/column_count_").asDoubles()[0];
                classes = (int) f.read(fp + "/_ext_param/class_count_").asDoubles()[0];
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        List<String> names = f.kind(g + "/feature_names") == NodeKind.DATASET ? f.read(g + "/feature_names").asStrings() : List.of();
        return Optional.of(new ForestSummary(count, trees, features, classes, names));
    }

    private static List<Label> labels(Hdf5File f, String g) throws Hdf5Exception {
        if (f.kind(g + "/LabelNames") != NodeKind.DATASET || isEmpty(f, g + "/LabelNames")) {
            return List.of();
        }
        List<String> names = f.read(g + "/LabelNames").asStrings();
        long[] rgb = f.kind(g + "/LabelColors") == NodeKind.DATASET && !isEmpty(f, g + "/LabelColors")
                ? f.read(g + "/LabelColors").asLongs() : new long[0];
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (rgb.length >= 3 * (i + 1)) {
                labels.add(new Label(names.get(i), (int) rgb[3 * i], (int) rgb[3 * i + 1], (int) rgb[3 * i + 2]));
            } else {
                labels.add(new Label(names.get(i), 0, 0, 0));
            }
        }
        return labels;
    }

    /** ilastik marks never-set lists with an {@code isEmpty} attribute over a dummy value. */
    private static boolean isEmpty(Hdf5File f, String p) throws Hdf5Exception {
        return f.attributeNames(p).contains("isEmpty") && f.readAttribute(p, "isEmpty").asBooleans()[0];
    }

    // ---- objects --------------------------------------------------------------------------------------

    private static Thresholding thresholding(Hdf5File f) throws Hdf5Exception {
        String g = "ThresholdTwoLevels";
        int op = (int) longOr(f, g + "/CurOperator", 0);
        String method = op >= 0 && op < THRESHOLD_METHODS.length ? THRESHOLD_METHODS[op] : "UNKNOWN(" + op + ")";
        return new Thresholding(g, method, (int) longOr(f, g + "/Channel", 0), (int) longOr(f, g + "/CoreChannel", 0),
                doubleOr(f, g + "/LowThreshold", doubleOr(f, g + "/SingleThreshold", 0.5)), doubleOr(f, g + "/HighThreshold", 0.5),
                doubleOr(f, g + "/SmootherSigma/x", 1), doubleOr(f, g + "/SmootherSigma/y", 1), doubleOr(f, g + "/SmootherSigma/z", 1),
                longOr(f, g + "/MinSize", 10), longOr(f, g + "/MaxSize", 1_000_000));
    }

    private static ObjectFeatures objectFeatures(Hdf5File f, String group, String path) throws Hdf5Exception {
        Map<String, List<String>> byPlugin = new TreeMap<>();
        int[] margin = new int[0];
        for (String plugin : f.children(path)) {
            String pp = path + "/" + plugin;
            if (f.kind(pp) != NodeKind.GROUP) {
                continue;
            }
            List<String> features = new ArrayList<>();
            for (String feature : f.children(pp)) {
                features.add(feature);
                if (margin.length == 0 && f.kind(pp + "/" + feature + "/margin") == NodeKind.DATASET) {
                    margin = java.util.Arrays.stream(f.read(pp + "/" + feature + "/margin").asLongs()).mapToInt(l -> (int) l).toArray();
                }
            }
            byPlugin.put(plugin, List.copyOf(features));
        }
        return new ObjectFeatures(group, byPlugin, margin);
    }

    private static ObjectClassifier objectClassifier(Hdf5File f, String g) throws Hdf5Exception {
        int labelled = 0;
        if (f.kind(g + "/LabelInputs") == NodeKind.GROUP) {
            for (String lane : f.children(g + "/LabelInputs")) {
                String lp = g + "/LabelInputs/" + lane;
                if (f.kind(lp) != NodeKind.GROUP) {
                    continue;
                }
                for (String t : f.children(lp)) {
                    if (f.kind(lp + "/" + t) == NodeKind.DATASET) {
                        for (double v : f.read(lp + "/" + t).asDoubles()) {
                            labelled += v > 0 ? 1 : 0;
                        }
                    }
                }
            }
        }
        return new ObjectClassifier(g, labels(f, g), labelled, (int) longOr(f, g + "/MaxNumObj", 1),
                forests(f, g + "/ClassifierForests"));
    }

    // ---- tracking -------------------------------------------------------------------------------------

    private static TrackingSettings tracking(Hdf5File f, String g) throws Hdf5Exception {
        Map<String, String> params = new TreeMap<>();
        String pp = g + "/Parameters";
        for (String name : f.children(pp)) {
            if (f.kind(pp + "/" + name) != NodeKind.DATASET) {
                continue;
            }
            Hdf5Data d = f.read(pp + "/" + name);
            List<String> values = d.asStrings();
            params.put(name, d.rank() == 0 ? values.get(0) : values.toString());
        }
        int annotated = 0;
        int divisions = 0;
        String labels = "TrackingAnnotations/Labels";
        if (f.kind(labels) == NodeKind.GROUP) {
            for (String lane : f.children(labels)) {
                for (String t : children(f, labels + "/" + lane)) {
                    annotated += children(f, labels + "/" + lane + "/" + t).size();
                }
            }
        }
        String div = "TrackingAnnotations/Divisions";
        if (f.kind(div) == NodeKind.GROUP) {
            for (String lane : f.children(div)) {
                String dp = div + "/" + lane;
                if (f.kind(dp) == NodeKind.DATASET) {
                    long[] shape = f.datasetInfo(dp).shape();
                    divisions += shape.length == 0 ? 0 : (int) shape[0];
                } else {
                    divisions += children(f, dp).size();
                }
            }
        }
        return new TrackingSettings(g, params, annotated, divisions);
    }

    // ---- small helpers ----------------------------------------------------------------------------------

    private static List<String> children(Hdf5File f, String p) throws Hdf5Exception {
        return f.kind(p) == NodeKind.GROUP ? f.children(p) : List.of();
    }

    private static String string(Hdf5File f, String p) throws Hdf5Exception {
        return f.kind(p) == NodeKind.DATASET ? f.read(p).asString() : "";
    }

    private static long longOr(Hdf5File f, String p, long fallback) throws Hdf5Exception {
        return f.kind(p) == NodeKind.DATASET ? f.read(p).asLong() : fallback;
    }

    private static double doubleOr(Hdf5File f, String p, double fallback) throws Hdf5Exception {
        return f.kind(p) == NodeKind.DATASET ? f.read(p).asDouble() : fallback;
    }
}
