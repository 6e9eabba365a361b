package org.omeroilastik.engine.workflows.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.engine.features.FeatureId;
import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.engine.features.PixelFeatures;
import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.engine.forest.RandomForest;
import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.IlpWriter;
import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.engine.workflows.Training;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;

/**
 * Training from the labels a real project stores, writing an ilastik-layout project, and vigra itself
 * (Debian's python3-vigra) loading the written forests and predicting what our engine predicts.
 */
class TrainingTest {
    private static final String CORPUS_PROJECT = "pixel/api-2d-1ch/PixelClass.ilp";

    @TempDir
    Path dir;

    @Test
    void trainsWritesAProjectVigraAndIlastikLayoutsAgreeWith() throws Exception {
        IlpProject source = Services.get(IlpReader.class).read(Conformance.file(CORPUS_PROJECT));
        FeatureSelection fs = source.applet("FeatureSelections", FeatureSelection.class).orElseThrow();
        FeatureSpec spec = new FeatureSpec(fs.featureIds().stream().map(FeatureId::of).toList(), fs.scales(), fs.selected(), fs.computeIn2d());
        NdImage png = Services.get(ImageFormats.class).read(ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")));
        float[] raw = Runs.values(png);
        Volume image = new Volume(1, 128, 128, raw);
        // The user's labels, as the project stores them: one block at [26:64, 36:101, 0:1].
        byte[] labels = new byte[128 * 128];
        try (Hdf5File f = Hdf5File.open(Conformance.file(CORPUS_PROJECT))) {
            long[] block = f.read("PixelClassification/LabelSets/labels000/block0000").asLongs();
            for (int y = 0; y < 38; y++) {
                for (int x = 0; x < 65; x++) {
                    labels[(26 + y) * 128 + 36 + x] = (byte) block[y * 65 + x];
                }
            }
        }
        Training.Result trained = Training.train(spec, 2, List.of(new Training.LabelledImage(List.of(image), labels)), 100, 2, 11);
        assertEquals(157, trained.samples(), "labelled pixels, as the stored forests' row_count_");
        assertEquals(25, trained.forests().featureCount());
        try (Hdf5File f = Hdf5File.open(Conformance.file(CORPUS_PROJECT))) {
            assertEquals(f.read("PixelClassification/ClassifierForests/feature_names").asStrings(), trained.featureNames());
        }

        Path ilp = dir.resolve("trained.ilp");
        IlpWriter.write(ilp, spec, source.labels(), List.of(new IlpWriter.Lane("Data_1channel.png", "Data_1channel", AxisOrder.of("yx"),
                new long[] {128, 128}, labels, new long[] {128, 128, 1})), trained);

        // Our own reader loads it as a runnable project.
        PixelClassificationProject loaded = PixelClassificationProject.load(Services.get(IlpReader.class).read(ilp));
        assertEquals(1, loaded.rawChannels());

        // Group by group, the layout of a real ilastik 1.4.1 project (h5py walks both files).
        String layout = Python.run("""
                import sys, re, h5py
                def paths(p):
                    s = set()
                    def v(n, o):
                        for a, b in ((r'lane\\d{4}', 'laneN'), (r'Forest\\d{4}', 'ForestN'), (r'Tree_\\d+', 'Tree_N'),
                                     (r'labels\\d{3}', 'labelsN'), (r'block\\d{4}', 'blockN'), (r'Bookmarks/\\d+', 'Bookmarks/N')):
                            n = re.sub(a, b, n)
                        s.add(n)
                    h5py.File(p, 'r').visititems(v)
                    return s
                a, b = paths(sys.argv[1]), paths(sys.argv[2])
                print(sorted(a - b), sorted(b - a))
                """, Conformance.file(CORPUS_PROJECT).toString(), ilp.toString());
        assertEquals("['PixelClassification/Bookmarks/N'] []", layout.strip(), "only ilastik's empty bookmark list differs");

        // vigra loads every written forest and predicts exactly what our engine predicts.
        List<Volume> features = new PixelFeatures(spec).compute(List.of(image));
        int n = 128 * 128;
        int nf = features.size();
        float[] rows = new float[n * nf];
        for (int c = 0; c < nf; c++) {
            for (int i = 0; i < n; i++) {
                rows[i * nf + c] = features.get(c).data()[i];
            }
        }
        Path rowsFile = dir.resolve("rows.npy");
        Services.get(ImageFormats.class).byId("npy").orElseThrow().write(
                NdImages.wrap(new ImageDescriptor(AxisOrder.of("yx"), new long[] {n, nf}, PixelType.FLOAT32), rows), ImageTarget.of(rowsFile));
        Path vigraOut = dir.resolve("vigra.npy");
        String loadedForests = Python.run("""
                import sys, h5py, numpy as np, vigra
                ilp, rows, out = sys.argv[1:4]
                names = sorted(k for k in h5py.File(ilp, 'r')['PixelClassification/ClassifierForests'] if k.startswith('Forest'))
                x = np.load(rows)
                p = [vigra.learning.RandomForest(ilp, 'PixelClassification/ClassifierForests/' + k).predictProbabilities(x) for k in names]
                np.save(out, np.stack(p).astype(np.float32))
                print(len(names))
                """, ilp.toString(), rowsFile.toString(), vigraOut.toString());
        assertEquals("2", loadedForests.strip());
        float[] vigra = Runs.values(Services.get(ImageFormats.class).read(ImageSource.of(vigraOut).withAxes(AxisOrder.of("zyx"))));
        float[] ours = new float[2];
        int mismatches = 0;
        for (int f = 0; f < 2; f++) {
            RandomForest forest = trained.forests().forests().get(f);
            for (int i = 0; i < n; i++) {
                forest.predict(rows, i * nf, ours);
                for (int c = 0; c < 2; c++) {
                    mismatches += Float.floatToIntBits(ours[c]) != Float.floatToIntBits(vigra[(f * n + i) * 2 + c]) ? 1 : 0;
                }
            }
        }
        assertEquals(0, mismatches, "vigra's predictions of our forests differ from ours");

        // Trained on the same labels, the classifier agrees with ilastik's own on most pixels.
        NdImage seg = Runs.run(ilp.toString(), "pixel/api-2d-1ch/Data_1channel.png", null, "yx", ExportSource.SIMPLE_SEGMENTATION,
                RunOptions.defaults(), dir.resolve("seg.h5"));
        float[] s = Runs.values(seg);
        float[] p = Runs.expected("pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy");
        int agree = 0;
        for (int i = 0; i < n; i++) {
            agree += (s[i] == 1) == (p[2 * i] >= p[2 * i + 1]) ? 1 : 0;
        }
        assertTrue(agree > 0.9 * n, agree + " of " + n + " pixels agree with ilastik's classifier");
    }
}
