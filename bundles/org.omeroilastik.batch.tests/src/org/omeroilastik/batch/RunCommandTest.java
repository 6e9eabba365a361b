package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.testing.Comparison;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;


/** {@code run}: ilastik's headless mode on the embedded engine, end to end through files. */
class RunCommandTest {
    private static final String PROJECT_1CH = "pixel/api-2d-1ch/PixelClass.ilp";

    @TempDir
    Path dir;

    private Path copyInput(String relative) throws Exception {
        Path src = Conformance.file(relative);
        Path dst = dir.resolve(src.getFileName());
        Files.copy(src, dst);
        return dst;
    }

    private static float[] values(Path file) throws Exception {
        return Comparison.floats(Services.get(ImageFormats.class).read(ImageSource.of(file)));
    }

    @Test
    void probabilitiesToHdf5AreIlastiksBitForBit() throws Exception {
        Path png = copyInput("pixel/api-2d-1ch/Data_1channel.png");
        CliRunner r = CliRunner.run("run", "--project", Conformance.file(PROJECT_1CH).toString(), png.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path out = dir.resolve("Data_1channel_Probabilities.h5");
        assertTrue(Files.isRegularFile(out), r.out());
        assertFalse(Files.exists(dir.resolve("Data_1channel_Probabilities.h5.part")));
        assertTrue(r.out().contains("[1/1] ") && r.out().contains("block 1/1") && r.out().contains("done in"), r.out());
        float[] expected = values(Conformance.file("pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy"));
        float[] actual = values(out);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "value " + i);
        }
        String h5py = Python.run("""
                import sys, json, h5py
                d = h5py.File(sys.argv[1], 'r')['exported_data']
                print(d.dtype, d.shape, ''.join(a['key'] for a in json.loads(d.attrs['axistags'])['axes']))
                """, out.toString());
        assertEquals("float32 (128, 128, 2) yxc", h5py.strip());
    }

    @Test
    void simpleSegmentationIsTheArgmaxOfIlastiksProbabilities() throws Exception {
        Path png = copyInput("pixel/api-2d-1ch/Data_1channel.png");
        CliRunner r = CliRunner.run("run", "--project=" + Conformance.file(PROJECT_1CH), "--export_source", "Simple Segmentation",
                "--output_format", "npy", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        float[] seg = values(dir.resolve("Data_1channel_Simple Segmentation.npy"));
        float[] p = values(Conformance.file("pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy"));
        for (int i = 0; i < seg.length; i++) {
            float want = p[2 * i + 1] > p[2 * i] ? 2 : 1;
            assertEquals(want, seg[i], "pixel " + i);
        }
    }

    @Test
    void uncertaintyAndTiffOutputAndDatasetNicknames() throws Exception {
        Path h5 = copyInput("pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5");
        CliRunner r = CliRunner.run("run", "--project", Conformance.file("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp").toString(),
                "--export-source", "Uncertainty", "--output-format", "tiff", "--output-filename-format", dir + "/out/{nickname}-{result_type}",
                h5 + "/data");
        assertEquals(0, r.exitCode(), r.err());
        Path tif = dir.resolve("out/2d_cells_apoptotic_1channel-data-Uncertainty.tif");
        assertTrue(Files.isRegularFile(tif), r.out());
        float[] u = values(tif);
        float[] p = values(Conformance.file("pixel/apoptotic-2d/expected-probabilities-yxc.npy"));
        int close = 0;
        for (int i = 0; i < u.length; i++) {
            close += Math.abs(u[i] - (1f - Math.abs(p[2 * i] - p[2 * i + 1]))) < 1e-4 ? 1 : 0;
        }
        assertTrue(close > u.length - 10, close + " of " + u.length);
    }

    @Test
    void refusesAnInputWithOtherChannelsAndGoesOnWithTheNext() throws Exception {
        Path rgb = copyInput("pixel/api-2d-3ch/Data_3channel.png");
        Path gray = copyInput("pixel/api-2d-1ch/Data_1channel.png");
        CliRunner r = CliRunner.run("run", "--project", Conformance.file(PROJECT_1CH).toString(), rgb.toString(), gray.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("Data_3channel.png") && r.err().contains("has 3 channel(s) but the project was trained on 1"), r.err());
        assertFalse(Files.exists(dir.resolve("Data_3channel_Probabilities.h5")));
        assertTrue(Files.exists(dir.resolve("Data_1channel_Probabilities.h5")));
    }

    @Test
    void badUsageAndUnrunnableProjectsExitWithTwo() {
        String project = Conformance.file(PROJECT_1CH).toString();
        CliRunner noProject = CliRunner.run("run", "x.png");
        assertEquals(2, noProject.exitCode());
        assertTrue(noProject.err().contains("--project is required"), noProject.err());
        CliRunner badSource = CliRunner.run("run", "--project", project, "--export-source", "Everything", "x.png");
        assertEquals(2, badSource.exitCode());
        assertTrue(badSource.err().contains("unknown export source 'Everything'"), badSource.err());
        CliRunner objects = CliRunner.run("run", "--project", Conformance.file("projects/ObjectClassification2d_wPred.ilp").toString(), "x.png");
        assertEquals(2, objects.exitCode());
        assertTrue(objects.err().contains("is not a pixel classification workflow"), objects.err());
        CliRunner missing = CliRunner.run("run", "--project", project, dir.resolve("none.png").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("none.png") && missing.err().contains("no such file"), missing.err());
    }
}
