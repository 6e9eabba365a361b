package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.testing.Comparison;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

/**
 * Every pixel classification and autocontext case of cases.json through the {@code run} command,
 * in-process, into files, against real ilastik's outputs: within ilastik-cross everywhere and
 * equal within 1e-6 on the ilastik 1.4 cases. .ci/run checks the built ./omero-ilastik the same way.
 */
class ConformanceCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {4}")
    @CsvSource({
        "api-2d-1ch, pixel/api-2d-1ch/PixelClass.ilp, pixel/api-2d-1ch/Data_1channel.png, yx, Probabilities, pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy, 1.4",
        "api-2d-3ch, pixel/api-2d-3ch/PixelClass3Channel.ilp, pixel/api-2d-3ch/Data_3channel.png, yxc, Probabilities, pixel/api-2d-3ch/res-Data_3channel_pc3c.npy, 1.4",
        "api-3d, pixel/api-3d/PixelClass3D.ilp, pixel/api-3d/Data_3D.npy, zyxc, Probabilities, pixel/api-3d/res-Data_3D_pc3d.npy, 1.4",
        "apoptotic-2d, pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp, pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5/data, tzyxc, Probabilities, pixel/apoptotic-2d/expected-probabilities-yxc.npy, 1.3",
        "api-2d-autocontext, autocontext/api-2d/Autocontext_2D.ilp, autocontext/api-2d/Data_1channel.png, yx, Probabilities Stage 1, autocontext/api-2d/res-Data_1channel_ac2ds1.npy, 1.4",
        "api-2d-autocontext, autocontext/api-2d/Autocontext_2D.ilp, autocontext/api-2d/Data_1channel.png, yx, Probabilities Stage 2, autocontext/api-2d/res-Data_1channel_ac2ds2.npy, 1.4",
    })
    void matchesIlastik(String id, String project, String input, String axes, String export, String expected, String version) throws Exception {
        String inputSpec = Conformance.dir().resolve(input).toString();
        CliRunner r = CliRunner.run("run", "--project", Conformance.file(project).toString(), "--export_source", export, "--input_axes", axes,
                "--output_filename_format", dir + "/{nickname}_{result_type}", inputSpec);
        assertEquals(0, r.exitCode(), r.err());
        Path out;
        try (var files = Files.list(dir)) {
            out = files.filter(p -> p.toString().endsWith(export + ".h5")).findFirst().orElseThrow();
        }
        NdImage image = Services.get(ImageFormats.class).read(ImageSource.of(out));
        float[] want = Comparison.floats(Services.get(ImageFormats.class).read(ImageSource.of(Conformance.file(expected))));
        Comparison c = Comparison.of(want, Comparison.floats(image), (int) image.descriptor().channels());
        System.out.println("conformance " + id + " " + export + ": " + c);
        assertTrue(c.withinIlastikCross(), id + ": " + c);
        if (version.equals("1.4")) {
            assertTrue(c.maxDiff() <= 1e-6f, id + " must equal ilastik 1.4 within 1e-6: " + c);
        }
    }
}
