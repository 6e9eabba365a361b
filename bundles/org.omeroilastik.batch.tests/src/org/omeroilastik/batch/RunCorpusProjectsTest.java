package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.omeroilastik.testing.Services;

/**
 * Every Pixel Classification and Autocontext project of the corpus runs through the CLI, on its own
 * input where the corpus ships it, else on a synthetic image of the lane's axes and channel count.
 */
class RunCorpusProjectsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "projects/PixelClassification2d.ilp, projects/2d.h5/data, yx, ",
        "projects/PixelClassification5t2d1c.ilp, projects/5t2d1c.h5/data, tyxc, ",
        "tracking/mitocheck-small/mitocheckPixelClassification.ilp, tracking/mitocheck-small/mitocheck_small_2D+t.h5/exported_data, , ",
        "projects/Autocontext5t2d1c.ilp, projects/5t2d1c_Binary_Segmentation.h5/exported_data, , ",
        "projects/PixelClassification2d3c.ilp, , yxc, 96:80:3",
        "projects/Autocontext2d3c.ilp, , yxc, 96:80:3",
        "projects/PixelClassification2d_units.ilp, , yx, 40:48",
        "projects/PixelClassification3d.ilp, , zyx, 24:40:36",
        "projects/PixelClassification3d1c.ilp, , zyxc, 24:40:36:1",
        "projects/PixelClassification3d2c.ilp, , zyxc, 24:40:36:2",
        "projects/PixelClassification5t2d2c.ilp, , tyxc, 2:40:36:2",
        "projects/PixelClassification5t3d2c.ilp, , tzyxc, 2:24:32:28:2",
    })
    void runsOnItsInput(String project, String input, String axes, String syntheticShape) throws Exception {
        Path projectFile = Conformance.file(project);
        String inputSpec;
        if (input != null) {
            inputSpec = Conformance.dir().resolve(input).toString();
        } else {
            long[] shape = java.util.Arrays.stream(syntheticShape.split(":")).mapToLong(Long::parseLong).toArray();
            byte[] pixels = new byte[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            Random r = new Random(5);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) ((i / 7 % 5) * 40 + r.nextInt(40));
            }
            Path file = dir.resolve("synthetic.h5");
            Services.get(ImageFormats.class).byId("hdf5").orElseThrow().write(
                    NdImages.wrap(new ImageDescriptor(AxisOrder.of(axes), shape, PixelType.UINT8), pixels), new ImageTarget(file, "data", 1));
            inputSpec = file + "/data";
        }
        String pattern = dir + "/{nickname}_{result_type}";
        CliRunner r = axes != null && input != null
                ? CliRunner.run("run", "--project", projectFile.toString(), "--input-axes", axes, "--output-filename-format", pattern, inputSpec)
                : CliRunner.run("run", "--project", projectFile.toString(), "--output-filename-format", pattern, inputSpec);
        assertEquals(0, r.exitCode(), project + ": " + r.err() + r.out());
        Path out;
        try (var files = Files.list(dir)) {
            out = files.filter(p -> p.getFileName().toString().endsWith("_Probabilities.h5")).findFirst().orElseThrow();
        }
        NdImage probs = Services.get(ImageFormats.class).read(ImageSource.of(out));
        int classes = Services.get(IlpReader.class).read(projectFile).labels().size();
        assertEquals(classes, probs.descriptor().channels(), project);
        float[] p = (float[]) NdImages.toArray(probs);
        int c = (int) probs.descriptor().channels();
        for (int i = 0; i < p.length; i += c) {
            float sum = 0;
            for (int k = 0; k < c; k++) {
                assertTrue(p[i + k] >= 0 && p[i + k] <= 1, project + " value " + p[i + k]);
                sum += p[i + k];
            }
            assertEquals(1f, sum, 1e-5f, project + " probabilities at " + i / c);
        }
    }
}
