package org.omeroilastik.engine.workflows;

import java.util.ArrayList;
import java.util.List;

import org.omeroilastik.engine.features.FeatureId;
import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.engine.features.PixelFeatures;
import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.engine.forest.ForestEnsemble;
import org.omeroilastik.engine.forest.RandomForestTrainer;

/**
 * Trains a pixel classifier from sparse labels as ilastik does: every labelled pixel of every image
 * is one sample, its row the pixel's feature channels; 100 trees by default, split over as many
 * forests as there are cores.
 */
public final class Training {
    private Training() {
    }

    /** One image with its labels: 0 unlabelled, k for label k (1-based), one value per pixel (z, y, x). */
    public record LabelledImage(List<Volume> channels, byte[] labels) {
        public LabelledImage {
            channels = List.copyOf(channels);
            if (labels.length != channels.get(0).size()) {
                throw new IllegalArgumentException("labels do not cover the image");
            }
        }
    }

    /** A trained classifier with what its project file records about the training. */
    public record Result(ForestEnsemble forests, List<String> featureNames, int samples, int mtry) {
    }

    public static Result train(FeatureSpec spec, int classes, List<LabelledImage> images, int trees, int forests, long seed) {
        int inputChannels = images.get(0).channels().size();
        int nz = images.get(0).channels().get(0).nz();
        int nf = spec.channelCount(inputChannels, nz);
        List<float[]> rows = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        PixelFeatures features = new PixelFeatures(spec);
        for (LabelledImage image : images) {
            if (image.channels().size() != inputChannels) {
                throw new IllegalArgumentException("all training images need " + inputChannels + " channel(s)");
            }
            boolean any = false;
            for (byte b : image.labels()) {
                any |= b != 0;
            }
            if (!any) {
                continue;
            }
            List<Volume> f = features.compute(image.channels());
            byte[] labels = image.labels();
            for (int i = 0; i < labels.length; i++) {
                int label = labels[i] & 0xFF;
                if (label == 0) {
                    continue;
                }
                if (label > classes) {
                    throw new IllegalArgumentException("label value " + label + " but only " + classes + " labels are defined");
                }
                float[] row = new float[nf];
                for (int c = 0; c < nf; c++) {
                    row[c] = f.get(c).data()[i];
                }
                rows.add(row);
                ys.add(label - 1);
            }
        }
        int n = rows.size();
        float[] x = new float[n * nf];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows.get(i), 0, x, i * nf, nf);
            y[i] = ys.get(i);
        }
        RandomForestTrainer trainer = new RandomForestTrainer(nf, classes);
        ForestEnsemble ensemble = trainer.train(x, y, n, trees, forests, seed);
        return new Result(ensemble, featureNames(spec, inputChannels, nz), n, trainer.mtry());
    }

    /** ilastik's names for the feature columns, e.g. "Gaussian Smoothing (σ=0.7) in 2D" or "... [1]". */
    public static List<String> featureNames(FeatureSpec spec, int inputChannels, int nz) {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < spec.ids().size(); f++) {
            for (int s = 0; s < spec.scales().length; s++) {
                if (!spec.selected()[f][s]) {
                    continue;
                }
                FeatureId id = spec.ids().get(f);
                boolean twoD = spec.twoD(s, nz);
                String base = displayName(id) + " (\u03c3=" + spec.scales()[s] + ")" + (twoD ? " in 2D" : "");
                int n = id.channels(twoD) * inputChannels;
                for (int c = 0; c < n; c++) {
                    names.add(n == 1 ? base : base + " [" + c + "]");
                }
            }
        }
        return names;
    }

    static String displayName(FeatureId id) {
        return switch (id) {
            case GaussianSmoothing -> "Gaussian Smoothing";
            case LaplacianOfGaussian -> "Laplacian of Gaussian";
            case GaussianGradientMagnitude -> "Gaussian Gradient Magnitude";
            case DifferenceOfGaussians -> "Difference of Gaussians";
            case StructureTensorEigenvalues -> "Structure Tensor Eigenvalues";
            case HessianOfGaussianEigenvalues -> "Hessian of Gaussian Eigenvalues";
        };
    }
}
