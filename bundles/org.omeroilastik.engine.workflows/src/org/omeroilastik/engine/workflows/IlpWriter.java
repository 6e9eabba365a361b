package org.omeroilastik.engine.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.omeroilastik.engine.features.FeatureId;
import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.hdf5.Hdf5Data;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.ilp.Label;
import org.omeroilastik.image.io.AxisTags;
import org.omeroilastik.model.AxisOrder;

/**
 * Writes a minimal Pixel Classification project in ilastik 1.4.1's layout, group by group: the
 * input lanes, the feature selection, labels with colours and label blocks, the trained forests and
 * the export settings. ilastik opens it; vigra loads its forests.
 */
public final class IlpWriter {
    /** The ilastik version whose project layout this writer reproduces. */
    public static final String LAYOUT_VERSION = "1.4.1b15";
    private static final String FACTORY_PICKLE = "ccopy_reg\n_reconstructor\np0\n(clazyflow.classifiers.parallelVigraRfLazyflowClassifier\n"
            + "ParallelVigraRfLazyflowClassifierFactory\np1\nc__builtin__\nobject\np2\nNtp3\nRp4\n(dp5\nVVERSION\np6\nI2\n"
            + "sV_num_trees\np7\nI%d\nsV_label_proportion\np8\nNsV_variable_importance_path\np9\nNsV_variable_importance_enabled\n"
            + "p10\nI00\nsV_kwargs\np11\n(dp12\nsV_num_forests\np13\nI%d\nsb.";

    private IlpWriter() {
    }

    /** One input lane: where its raw data is (as ilastik records it), axes and shape, and its label block. */
    public record Lane(String filePath, String nickname, AxisOrder axes, long[] shape, byte[] labels, long[] labelShape) {
    }

    /** Writes the project to {@code file} (through FILE.part, renamed when complete). */
    public static void write(Path file, FeatureSpec spec, List<Label> labels, List<Lane> lanes, Training.Result trained)
            throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (Hdf5File f = Hdf5File.create(part)) {
            string(f, "workflowName", "Pixel Classification");
            string(f, "ilastikVersion", LAYOUT_VERSION);
            string(f, "time", ZonedDateTime.now().format(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)));
            f.writeDataset("currentApplet", Hdf5Data.of(new long[0], new long[] {2}, true), null, 0);

            f.writeDataset("Input Data/Role Names", Hdf5Data.strings(List.of("Raw Data", "Prediction Mask")), null, 0);
            string(f, "Input Data/StorageVersion", "0.2");
            f.createGroups("Input Data/local_data");
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                String lp = String.format("Input Data/infos/lane%04d", i);
                f.createGroups(lp + "/Prediction Mask");
                String rp = lp + "/Raw Data";
                string(f, rp + "/__class__", "FilesystemDatasetInfo");
                bool(f, rp + "/allowLabels", true);
                string(f, rp + "/axistags", AxisTags.of(lane.axes()).toJson());
                string(f, rp + "/datasetId", UUID.randomUUID().toString());
                string(f, rp + "/display_mode", "default");
                string(f, rp + "/filePath", lane.filePath());
                string(f, rp + "/location", "FileSystem");
                string(f, rp + "/nickname", lane.nickname());
                bool(f, rp + "/normalizeDisplay", false);
                bool(f, rp + "/scale_locked", false);
                f.writeDataset(rp + "/shape", Hdf5Data.of(new long[] {lane.shape().length}, lane.shape(), true), null, 0);
                string(f, rp + "/working_scale", "");
            }

            String fs = "FeatureSelections";
            f.writeDataset(fs + "/ComputeIn2d", Hdf5Data.ofBooleans(new long[] {spec.scales().length}, spec.computeIn2d()), null, 0);
            f.writeDataset(fs + "/FeatureIds", Hdf5Data.strings(spec.ids().stream().map(FeatureId::name).toList()), null, 0);
            f.writeDataset(fs + "/Scales", Hdf5Data.of(new long[] {spec.scales().length}, spec.scales()), null, 0);
            boolean[] flat = new boolean[spec.ids().size() * spec.scales().length];
            for (int r = 0; r < spec.ids().size(); r++) {
                System.arraycopy(spec.selected()[r], 0, flat, r * spec.scales().length, spec.scales().length);
            }
            f.writeDataset(fs + "/SelectionMatrix", Hdf5Data.ofBooleans(new long[] {spec.ids().size(), spec.scales().length}, flat), null, 0);
            string(f, fs + "/StorageVersion", "0.1");

            String pc = "PixelClassification";
            f.createGroups(pc + "/Bookmarks");
            int forests = trained.forests().forests().size();
            string(f, pc + "/ClassifierFactory", String.format(Locale.ROOT, FACTORY_PICKLE, trained.forests().treeCount(), forests));
            VigraForests.write(f, pc + "/ClassifierForests", trained.forests(), trained.mtry(), trained.samples(), trained.featureNames());
            long[] colours = new long[labels.size() * 3];
            for (int i = 0; i < labels.size(); i++) {
                colours[3 * i] = labels.get(i).red();
                colours[3 * i + 1] = labels.get(i).green();
                colours[3 * i + 2] = labels.get(i).blue();
            }
            for (String name : List.of("LabelColors", "PmapColors")) {
                f.writeDataset(pc + "/" + name, Hdf5Data.of(new long[] {labels.size(), 3}, colours, true), null, 0);
                f.writeAttribute(pc + "/" + name, "isEmpty", Hdf5Data.ofBooleans(new long[0], new boolean[] {false}));
            }
            f.writeDataset(pc + "/LabelNames", Hdf5Data.strings(labels.stream().map(Label::name).toList()), null, 0);
            f.writeAttribute(pc + "/LabelNames", "isEmpty", Hdf5Data.ofBooleans(new long[0], new boolean[] {false}));
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                String bp = String.format("%s/LabelSets/labels%03d", pc, i);
                f.createGroups(bp);
                if (lane.labels() == null) {
                    continue;
                }
                // One block covering the lane, in the lane's axes with a channel of 1, as ilastik stores label blocks.
                String block = bp + "/block0000";
                f.writeDataset(block, Hdf5Data.of(lane.labelShape(), lane.labels(), false), null, 0);
                AxisOrder labelAxes = lane.axes().has(org.omeroilastik.model.Axis.C) ? lane.axes() : AxisOrder.of(lane.axes().keys() + "c");
                f.writeAttribute(block, "axistags", Hdf5Data.scalar(AxisTags.of(labelAxes).toJson()));
                StringBuilder slice = new StringBuilder("[");
                for (int d = 0; d < lane.labelShape().length; d++) {
                    slice.append(d == 0 ? "" : ",").append("0:").append(lane.labelShape()[d]);
                }
                f.writeAttribute(block, "blockSlice", Hdf5Data.scalar(slice.append(']').toString()));
            }
            string(f, pc + "/StorageVersion", "0.1");

            string(f, "Prediction Export/OutputFilenameFormat", "{dataset_dir}/{nickname}_{result_type}");
            string(f, "Prediction Export/OutputFormat", "hdf5");
            string(f, "Prediction Export/OutputInternalPath", "exported_data");
            string(f, "Prediction Export/StorageVersion", "0.1");
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void string(Hdf5File f, String path, String value) throws IOException {
        f.writeDataset(path, Hdf5Data.scalar(value), null, 0);
    }

    private static void bool(Hdf5File f, String path, boolean value) throws IOException {
        f.writeDataset(path, Hdf5Data.ofBooleans(new long[0], new boolean[] {value}), null, 0);
    }
}
