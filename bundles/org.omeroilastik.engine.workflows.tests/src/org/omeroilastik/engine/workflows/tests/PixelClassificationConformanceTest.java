package org.omeroilastik.engine.workflows.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.testing.Comparison;

/**
 * Every pixel classification and autocontext case of cases.json, run blockwise (small blocks, so
 * halos matter) through to an HDF5 file, against the probabilities real ilastik exported.
 */
class PixelClassificationConformanceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {5}")
    @CsvSource({
        "api-2d-1ch, pixel/api-2d-1ch/PixelClass.ilp, pixel/api-2d-1ch/Data_1channel.png, , yx, Probabilities, pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy, yxc, true",
        "api-2d-3ch, pixel/api-2d-3ch/PixelClass3Channel.ilp, pixel/api-2d-3ch/Data_3channel.png, , yxc, Probabilities, pixel/api-2d-3ch/res-Data_3channel_pc3c.npy, yxc, true",
        "api-3d, pixel/api-3d/PixelClass3D.ilp, pixel/api-3d/Data_3D.npy, , zyxc, Probabilities, pixel/api-3d/res-Data_3D_pc3d.npy, zyxc, true",
        "apoptotic-2d, pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp, pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5, data, tzyxc, Probabilities, pixel/apoptotic-2d/expected-probabilities-yxc.npy, tzyxc, false",
        "autocontext, autocontext/api-2d/Autocontext_2D.ilp, autocontext/api-2d/Data_1channel.png, , yx, Probabilities Stage 1, autocontext/api-2d/res-Data_1channel_ac2ds1.npy, yxc, true",
        "autocontext, autocontext/api-2d/Autocontext_2D.ilp, autocontext/api-2d/Data_1channel.png, , yx, Probabilities Stage 2, autocontext/api-2d/res-Data_1channel_ac2ds2.npy, yxc, true",
    })
    void matchesIlastik(String id, String project, String input, String dataset, String axes, String export, String expected,
            String outAxes, boolean bitIdentical) throws Exception {
        RunOptions small = RunOptions.defaults().withBlock2d(48).withThreads(2);
        NdImage out = Runs.run(project, input, dataset, axes, ExportSource.parse(export).orElseThrow(), small, dir.resolve("out.h5"));
        assertEquals(outAxes, out.descriptor().axes().keys());
        Comparison c = Comparison.of(Runs.expected(expected), Runs.values(out), (int) out.descriptor().channels());
        System.out.println(id + " " + export + ": " + c);
        assertTrue(c.withinIlastikCross(), id + ": " + c);
        if (bitIdentical) {
            assertEquals(c.values(), c.exact(), id + " must be bit-identical to ilastik: " + c);
        }
    }
}
