package org.omeroilastik.engine.workflows.tests;

import java.nio.file.Path;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Runs corpus projects through the blockwise runner into an HDF5 file and reads the result back. */
final class Runs {
    private Runs() {
    }

    static PixelClassificationProject project(String relative) throws Exception {
        return PixelClassificationProject.load(Services.get(IlpReader.class).read(Conformance.file(relative)));
    }

    static NdImage run(String project, String input, String dataset, String axes, ExportSource export, RunOptions options, Path out)
            throws Exception {
        ImageFormats formats = Services.get(ImageFormats.class);
        Path in = Conformance.file(input);
        java.nio.file.Path projectPath = java.nio.file.Files.exists(Path.of(project)) ? Path.of(project) : Conformance.file(project);
        ImageSource src = (dataset == null ? ImageSource.of(in) : ImageSource.parse(in + "/" + dataset)).withAxes(AxisOrder.of(axes));
        ImageFormat format = formats.forFile(in).orElseThrow();
        new PixelClassificationRunner(PixelClassificationProject.load(Services.get(IlpReader.class).read(projectPath)), options).run(src, format, export, OutputSinks.hdf5(ImageTarget.of(out)),
                ProgressListener.NONE);
        return formats.read(ImageSource.of(out));
    }

    static float[] values(NdImage img) {
        float[] out = new float[(int) img.descriptor().elementCount()];
        Cursor<?> c = Views.flatIterable(img.pixels()).cursor();
        int i = 0;
        while (c.hasNext()) {
            out[i++] = ((RealType<?>) c.next()).getRealFloat();
        }
        return out;
    }

    static float[] expected(String npy) throws Exception {
        return values(Services.get(ImageFormats.class).read(ImageSource.of(Conformance.file(npy))));
    }

    /** ilastik's cross-architecture tolerance: < 0.1 % of values off by ≥ 0.015, none by ≥ 0.15. */
    record Comparison(int values, int exact, float maxDiff, int over015, int over15) {
        boolean withinIlastikCross() {
            return over015 < values * 0.001 && over15 == 0;
        }

        static Comparison of(float[] expected, float[] actual) {
            if (expected.length != actual.length) {
                throw new AssertionError("got " + actual.length + " values, expected " + expected.length);
            }
            int exact = 0, a = 0, b = 0;
            float max = 0;
            for (int i = 0; i < expected.length; i++) {
                float d = Math.abs(expected[i] - actual[i]);
                exact += Float.floatToIntBits(expected[i]) == Float.floatToIntBits(actual[i]) ? 1 : 0;
                max = Math.max(max, d);
                a += d >= 0.015f ? 1 : 0;
                b += d >= 0.15f ? 1 : 0;
            }
            return new Comparison(expected.length, exact, max, a, b);
        }
    }
}
