package org.omeroilastik.batch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.omeroilastik.ilp.AppletSummary;
import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.ForestSummary;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.ilp.IlpSummaryText;
import org.omeroilastik.ilp.InputLane;
import org.omeroilastik.ilp.Label;
import org.omeroilastik.ilp.LaneDataset;
import org.omeroilastik.ilp.ObjectClassifier;
import org.omeroilastik.ilp.ObjectFeatures;
import org.omeroilastik.ilp.PixelClassifier;
import org.omeroilastik.ilp.Thresholding;
import org.omeroilastik.ilp.TrackingSettings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** {@code inspect [--json] PROJECT.ilp...}: what a project stores, per applet. */
final class InspectCommand implements Command {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    private final ServiceLookup services;

    InspectCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "show what an ilastik project (.ilp) stores: workflow, inputs, features, labels, classifiers";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik inspect [--json] PROJECT.ilp [PROJECT.ilp ...]

                Prints the project's workflow, the ilastik version that saved it, its input lanes and, per
                applet, the stored settings: pixel feature selection (and the resulting feature channel
                count), labels and colours, label blocks, trained forests, thresholding, object features,
                tracking parameters and annotations.

                  --json   one JSON object per project (an array for several projects)

                Workflows this product does not support (Multicut, Cell Density Counting, Neural Network, ...)
                are reported as "unsupported workflow: NAME".
                Exit codes: 0 all projects read, 1 some could not be read, 2 none could be read or bad usage.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        boolean json = false;
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no project given");
        }
        IlpReader reader = services.get(IlpReader.class);
        int failures = 0;
        JsonArray all = new JsonArray();
        for (Path file : files) {
            try {
                IlpProject project = reader.read(file);
                if (json) {
                    all.add(toJson(project));
                } else {
                    out.print(IlpSummaryText.format(project));
                    if (files.size() > 1) {
                        out.println();
                    }
                }
            } catch (IlpException e) {
                failures++;
                err.println("omero-ilastik inspect: " + e.getMessage());
            }
        }
        if (json && !all.isEmpty()) {
            out.println(GSON.toJson(files.size() == 1 ? all.get(0) : all));
        }
        if (failures == 0) {
            return ExitCode.SUCCESS;
        }
        return failures == files.size() ? ExitCode.BAD_INPUT : ExitCode.PARTIAL_FAILURE;
    }

    // ---- JSON ----------------------------------------------------------------------------------

    static JsonObject toJson(IlpProject p) {
        JsonObject o = new JsonObject();
        o.addProperty("file", p.file().toString());
        o.addProperty("workflow", p.workflowName());
        o.addProperty("workflowId", p.workflow().name());
        o.addProperty("ilastikVersion", p.ilastikVersion());
        o.addProperty("featureChannels", p.featureChannels());
        o.add("labels", strings(p.labels().stream().map(Label::name).toList()));
        o.add("forests", p.forests().<JsonElement>map(InspectCommand::forestJson).orElse(JsonNull.INSTANCE));
        o.add("roles", strings(p.roles()));
        JsonArray lanes = new JsonArray();
        for (InputLane lane : p.lanes()) {
            JsonObject l = new JsonObject();
            for (LaneDataset d : lane.datasets()) {
                JsonObject ds = new JsonObject();
                ds.addProperty("filePath", d.filePath());
                ds.addProperty("nickname", d.nickname());
                ds.addProperty("location", d.location());
                ds.add("axes", d.axes().<JsonElement>map(a -> new com.google.gson.JsonPrimitive(a.keys())).orElse(JsonNull.INSTANCE));
                ds.add("shape", longs(d.shape()));
                l.add(d.role(), ds);
            }
            lanes.add(l);
        }
        o.add("lanes", lanes);
        JsonObject applets = new JsonObject();
        for (AppletSummary a : p.applets().values()) {
            applets.add(a.group(), appletJson(a));
        }
        o.add("applets", applets);
        return o;
    }

    private static JsonObject appletJson(AppletSummary a) {
        JsonObject o = new JsonObject();
        switch (a) {
            case FeatureSelection fs -> {
                o.addProperty("type", "pixelFeatures");
                o.add("featureIds", strings(fs.featureIds()));
                JsonArray scales = new JsonArray();
                for (double s : fs.scales()) {
                    scales.add(s);
                }
                o.add("scales", scales);
                JsonArray matrix = new JsonArray();
                for (boolean[] row : fs.selected()) {
                    JsonArray r = new JsonArray();
                    for (boolean b : row) {
                        r.add(b);
                    }
                    matrix.add(r);
                }
                o.add("selectionMatrix", matrix);
                JsonArray in2d = new JsonArray();
                for (boolean b : fs.computeIn2d()) {
                    in2d.add(b);
                }
                o.add("computeIn2d", in2d);
                o.addProperty("selected", fs.selectedCount());
                o.addProperty("inputChannels", fs.inputChannels());
                o.addProperty("volumetric", fs.volumetric());
                o.addProperty("featureChannels", fs.featureChannels());
            }
            case PixelClassifier pc -> {
                o.addProperty("type", "pixelClassifier");
                o.add("labels", labelsJson(pc.labels()));
                o.addProperty("labelBlocks", pc.labelBlocks());
                JsonObject counts = new JsonObject();
                pc.labelledPixels().forEach(counts::addProperty);
                o.add("labelledPixels", counts);
                o.addProperty("classifierType", pc.classifierType());
                o.add("forests", pc.forests().<JsonElement>map(InspectCommand::forestJson).orElse(JsonNull.INSTANCE));
            }
            case Thresholding t -> {
                o.addProperty("type", "thresholding");
                o.addProperty("method", t.method());
                o.addProperty("channel", t.channel());
                o.addProperty("coreChannel", t.coreChannel());
                o.addProperty("lowThreshold", t.lowThreshold());
                o.addProperty("highThreshold", t.highThreshold());
                JsonObject sigma = new JsonObject();
                sigma.addProperty("x", t.sigmaX());
                sigma.addProperty("y", t.sigmaY());
                sigma.addProperty("z", t.sigmaZ());
                o.add("smoothingSigma", sigma);
                o.addProperty("minSize", t.minSize());
                o.addProperty("maxSize", t.maxSize());
            }
            case ObjectFeatures of -> {
                o.addProperty("type", "objectFeatures");
                JsonObject plugins = new JsonObject();
                of.featuresByPlugin().forEach((k, v) -> plugins.add(k, strings(v)));
                o.add("features", plugins);
                JsonArray margin = new JsonArray();
                for (int m : of.margin()) {
                    margin.add(m);
                }
                o.add("margin", margin);
            }
            case ObjectClassifier oc -> {
                o.addProperty("type", "objectClassifier");
                o.add("labels", labelsJson(oc.labels()));
                o.addProperty("labelledObjects", oc.labelledObjects());
                o.addProperty("maxObjects", oc.maxObjects());
                o.add("forests", oc.forests().<JsonElement>map(InspectCommand::forestJson).orElse(JsonNull.INSTANCE));
            }
            case TrackingSettings ts -> {
                o.addProperty("type", "tracking");
                JsonObject params = new JsonObject();
                ts.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> params.addProperty(e.getKey(), e.getValue()));
                o.add("parameters", params);
                o.addProperty("annotatedObjects", ts.annotatedObjects());
                o.addProperty("divisions", ts.divisions());
            }
        }
        return o;
    }

    private static JsonObject forestJson(ForestSummary f) {
        JsonObject o = new JsonObject();
        o.addProperty("count", f.count());
        o.addProperty("trees", f.trees());
        o.addProperty("featureCount", f.featureCount());
        o.addProperty("classes", f.classes());
        return o;
    }

    private static JsonArray labelsJson(List<Label> labels) {
        JsonArray a = new JsonArray();
        for (Label l : labels) {
            JsonObject o = new JsonObject();
            o.addProperty("name", l.name());
            o.addProperty("colour", l.hexColour());
            a.add(o);
        }
        return a;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static JsonArray longs(long[] values) {
        JsonArray a = new JsonArray();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }
}
