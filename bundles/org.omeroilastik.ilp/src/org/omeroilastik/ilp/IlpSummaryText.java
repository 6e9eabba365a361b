package org.omeroilastik.ilp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Human-readable rendering of a project summary, shared by the command line and the workbench. */
public final class IlpSummaryText {
    private IlpSummaryText() {
    }

    /** The summary as aligned text lines, as {@code omero-ilastik inspect} prints it. */
    public static String format(IlpProject p) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Project", p.file().toString());
        line(sb, "Workflow", p.workflowName());
        line(sb, "ilastik", p.ilastikVersion());
        line(sb, "Inputs", p.lanes().size() + " lane(s); roles " + String.join(", ", p.roles()));
        for (InputLane lane : p.lanes()) {
            for (LaneDataset d : lane.datasets()) {
                sb.append(String.format("  lane %d  %s%n", lane.index(), d));
            }
        }
        for (AppletSummary a : p.applets().values()) {
            sb.append('[').append(a.group()).append("]\n");
            switch (a) {
                case FeatureSelection fs -> featureText(sb, fs);
                case PixelClassifier pc -> {
                    sb.append("  labels: ").append(labelsText(pc.labels())).append('\n');
                    sb.append("  label blocks: ").append(pc.labelBlocks()).append("; labelled pixels: ")
                            .append(pc.labelledPixels().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                    .collect(Collectors.joining(", "))).append('\n');
                    sb.append("  classifier: ").append(pc.classifierType()).append(", ").append(forestText(pc.forests().orElse(null))).append('\n');
                }
                case Thresholding t -> sb.append(String.format(Locale.ROOT,
                        "  method %s, channel %d, thresholds low %s high %s, smoothing sigma x %s y %s z %s, size %d..%d pixels%n",
                        t.method(), t.channel(), num(t.lowThreshold()), num(t.highThreshold()), num(t.sigmaX()), num(t.sigmaY()),
                        num(t.sigmaZ()), t.minSize(), t.maxSize()));
                case ObjectFeatures of -> {
                    sb.append("  ").append(of.featureCount()).append(" object features");
                    if (of.margin().length > 0) {
                        sb.append(", neighbourhood margin ").append(java.util.Arrays.toString(of.margin()));
                    }
                    sb.append('\n');
                    of.featuresByPlugin().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                            sb.append("    ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue())).append('\n'));
                }
                case ObjectClassifier oc -> {
                    sb.append("  labels: ").append(labelsText(oc.labels())).append('\n');
                    sb.append("  labelled objects: ").append(oc.labelledObjects()).append("; max objects per detection: ")
                            .append(oc.maxObjects()).append('\n');
                    sb.append("  classifier: ").append(forestText(oc.forests().orElse(null))).append('\n');
                }
                case TrackingSettings ts -> {
                    sb.append("  annotated objects: ").append(ts.annotatedObjects()).append("; annotated divisions: ")
                            .append(ts.divisions()).append('\n');
                    ts.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .forEach(e -> sb.append("    ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
                }
            }
        }
        line(sb, "Feature channels", Integer.toString(p.featureChannels()));
        return sb.toString();
    }

    private static void featureText(StringBuilder sb, FeatureSelection fs) {
        sb.append(String.format("  %d feature ids x %d scales, %d selected%n", fs.featureIds().size(), fs.scales().length, fs.selectedCount()));
        StringBuilder header = new StringBuilder(String.format("  %-30s", ""));
        for (double s : fs.scales()) {
            header.append(String.format(Locale.ROOT, "%6s", num(s)));
        }
        sb.append(header).append('\n');
        for (int f = 0; f < fs.featureIds().size(); f++) {
            StringBuilder row = new StringBuilder(String.format("  %-30s", fs.featureIds().get(f)));
            for (int s = 0; s < fs.scales().length; s++) {
                row.append(String.format("%6s", fs.selected()[f][s] ? "x" : "."));
            }
            sb.append(row).append('\n');
        }
        StringBuilder in2d = new StringBuilder(String.format("  %-30s", "compute in 2D"));
        for (int s = 0; s < fs.scales().length; s++) {
            in2d.append(String.format("%6s", s < fs.computeIn2d().length && fs.computeIn2d()[s] ? "2D" : "-"));
        }
        sb.append(in2d).append('\n');
        sb.append(String.format("  feature channels: %d from %d input channel(s), %s data%n", fs.featureChannels(), fs.inputChannels(),
                fs.volumetric() ? "3D" : "2D"));
    }

    private static String labelsText(List<Label> labels) {
        return labels.isEmpty() ? "(none)" : labels.stream().map(l -> l.name() + " (" + l.hexColour() + ")").collect(Collectors.joining(", "));
    }

    private static String forestText(ForestSummary f) {
        return f == null ? "not trained"
                : String.format("%d forest(s), %d trees, %d feature columns, %d classes", f.count(), f.trees(), f.featureCount(), f.classes());
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format("%-18s%s%n", key + ":", value));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }

}
