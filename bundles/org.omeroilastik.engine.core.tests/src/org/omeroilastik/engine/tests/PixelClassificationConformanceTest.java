package org.omeroilastik.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Whole-image pixel classification against the probabilities real ilastik exported (cases.json). */
class PixelClassificationConformanceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "api-2d-1ch, pixel/api-2d-1ch/PixelClass.ilp, pixel/api-2d-1ch/Data_1channel.png, , yx, pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy, true",
        "api-2d-3ch, pixel/api-2d-3ch/PixelClass3Channel.ilp, pixel/api-2d-3ch/Data_3channel.png, , yxc, pixel/api-2d-3ch/res-Data_3channel_pc3c.npy, true",
        "api-3d, pixel/api-3d/PixelClass3D.ilp, pixel/api-3d/Data_3D.npy, , zyxc, pixel/api-3d/res-Data_3D_pc3d.npy, false",
        "apoptotic-2d, pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp, pixel/apoptotic-2d/2d_cells_apoptotic_1channel.h5, data, tzyxc, pixel/apoptotic-2d/expected-probabilities-yxc.npy, false",
    })
    void matchesIlastik(String id, String project, String input, String dataset, String axes, String expected, boolean bitIdentical)
            throws Exception {
        float[] actual = ConformanceCase.predict(project, input, dataset, axes);
        float[] want = values(expected);
        ConformanceCase.Comparison c = ConformanceCase.Comparison.of(want, actual);
        System.out.println(id + ": " + c);
        assertTrue(c.withinIlastikCross(), id + ": " + c);
        if (bitIdentical) {
            assertEquals(c.values(), c.exact(), id + " is bit-identical to ilastik's output: " + c);
        }
    }

    private static float[] values(String npy) throws Exception {
        var img = Services.get(ImageFormats.class).read(ImageSource.of(Conformance.file(npy)));
        long n = img.descriptor().elementCount();
        float[] out = new float[(int) n];
        Cursor<?> c = Views.flatIterable(img.pixels()).cursor();
        int i = 0;
        while (c.hasNext()) {
            out[i++] = ((RealType<?>) c.next()).getRealFloat();
        }
        return out;
    }
}
