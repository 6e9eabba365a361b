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
        return org.omeroilastik.testing.Comparison.floats(img);
    }

    static float[] expected(String npy) throws Exception {
        return values(Services.get(ImageFormats.class).read(ImageSource.of(Conformance.file(npy))));
    }
}
