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

    /**
     * The 3-D case in many small blocks (a 4 MiB budget: tiles of equal size on every axis, each
     * region with a halo clipped at the volume's faces) is still bit-identical to ilastik.
     */
    @org.junit.jupiter.api.Test
    void threeDimensionalBlocksAreSeamless() throws Exception {
        RunOptions tiny = new RunOptions(2, 4L << 20, 48);
        var formats = org.omeroilastik.testing.Services.get(org.omeroilastik.image.io.ImageFormats.class);
        Path in = org.omeroilastik.testing.Conformance.file("pixel/api-3d/Data_3D.npy");
        var project = org.omeroilastik.engine.workflows.PixelClassificationProject.load(org.omeroilastik.testing.Services
                .get(org.omeroilastik.ilp.IlpReader.class).read(org.omeroilastik.testing.Conformance.file("pixel/api-3d/PixelClass3D.ilp")));
        int[] blocks = new int[1];
        new org.omeroilastik.engine.workflows.PixelClassificationRunner(project, tiny).run(
                org.omeroilastik.image.io.ImageSource.of(in).withAxes(org.omeroilastik.model.AxisOrder.of("zyxc")), formats.forFile(in).orElseThrow(),
                ExportSource.PROBABILITIES, org.omeroilastik.engine.workflows.OutputSinks.hdf5(org.omeroilastik.image.io.ImageTarget.of(dir.resolve("tiny.h5"))),
                (done, total) -> {
                    blocks[0] = total;
                    return true;
                });
        NdImage out = formats.read(org.omeroilastik.image.io.ImageSource.of(dir.resolve("tiny.h5")));
        assertTrue(blocks[0] >= 8, "several blocks on every axis, not " + blocks[0]);
        Comparison c = Comparison.of(Runs.expected("pixel/api-3d/res-Data_3D_pc3d.npy"), Runs.values(out), (int) out.descriptor().channels());
        System.out.println("api-3d in small blocks: " + c);
        assertEquals(c.values(), c.exact(), "api-3d in small blocks must be bit-identical to ilastik: " + c);
    }
}
