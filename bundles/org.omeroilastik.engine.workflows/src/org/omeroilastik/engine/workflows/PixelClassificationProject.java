package org.omeroilastik.engine.workflows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.omeroilastik.engine.features.FeatureId;
import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.hdf5.Hdf5Exception;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.Label;
import org.omeroilastik.ilp.PixelClassifier;
import org.omeroilastik.ilp.Workflow;

/**
 * A trained Pixel Classification or Autocontext project ready to run: one {@link Stage} per
 * classification stage, the labels (prediction channel k is label k) and the raw channel count.
 */
public record PixelClassificationProject(Path file, IlpProject summary, List<Stage> stages, List<Label> labels, int rawChannels) {

    public PixelClassificationProject {
        stages = List.copyOf(stages);
        labels = List.copyOf(labels);
    }

    public boolean isAutocontext() {
        return stages.size() > 1;
    }

    /** Loads the classifiers of a summarised project; the message of a failure names the file and the part at fault. */
    public static PixelClassificationProject load(IlpProject summary) throws IlpException {
        Path file = summary.file();
        Workflow w = summary.workflow();
        if (w != Workflow.PIXEL_CLASSIFICATION && w != Workflow.AUTOCONTEXT) {
            throw new IlpException(file + ": workflow '" + summary.workflowName() + "' is not a pixel classification workflow");
        }
        List<Stage> stages = new ArrayList<>();
        List<Label> labels = List.of();
        int rawChannels = -1;
        try (Hdf5File f = Hdf5File.open(file)) {
            String[] suffixes = w == Workflow.AUTOCONTEXT ? new String[] {"", "01"} : new String[] {""};
            int inputChannels = -1;
            for (String suffix : suffixes) {
                FeatureSelection fs = summary.applet("FeatureSelections" + suffix, FeatureSelection.class)
                        .orElseThrow(() -> new IlpException(file + ": no FeatureSelections" + suffix + " applet"));
                PixelClassifier pc = summary.applet("PixelClassification" + suffix, PixelClassifier.class)
                        .orElseThrow(() -> new IlpException(file + ": no PixelClassification" + suffix + " applet"));
                if (pc.forests().isEmpty()) {
                    throw new IlpException(file + ": PixelClassification" + suffix + " has no trained classifier ("
                            + pc.classifierType() + "); train and save the project in ilastik first");
                }
                ForestEnsemble forests = VigraForests.read(f, "PixelClassification" + suffix + "/ClassifierForests");
                FeatureSpec spec = spec(file, fs);
                if (suffix.isEmpty()) {
                    rawChannels = fs.inputChannels();
                    inputChannels = rawChannels;
                } else {
                    inputChannels = rawChannels + stages.get(0).forests().classCount();
                }
                int columns = spec.channelCount(inputChannels, fs.volumetric() ? 2 : 1);
                if (columns != forests.featureCount()) {
                    throw new IlpException(file + ": FeatureSelections" + suffix + " gives " + columns + " feature channels but the "
                            + "stored forests were trained on " + forests.featureCount());
                }
                stages.add(new Stage(spec, forests, inputChannels));
                labels = pc.labels();
            }
            if (labels.size() != stages.get(stages.size() - 1).forests().classCount()) {
                throw new IlpException(file + ": " + labels.size() + " labels but the classifier predicts "
                        + stages.get(stages.size() - 1).forests().classCount() + " classes");
            }
        } catch (Hdf5Exception e) {
            throw new IlpException(e.getMessage(), e);
        }
        return new PixelClassificationProject(file, summary, stages, labels, rawChannels);
    }

    private static FeatureSpec spec(Path file, FeatureSelection fs) throws IlpException {
        try {
            return new FeatureSpec(fs.featureIds().stream().map(FeatureId::of).toList(), fs.scales(), fs.selected(), fs.computeIn2d());
        } catch (IllegalArgumentException e) {
            throw new IlpException(file + ": " + fs.group() + ": " + e.getMessage());
        }
    }
}
