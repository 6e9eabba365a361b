package org.omeroilastik.jobs;

import java.io.IOException;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;

/** The pure-Java engine, blockwise, streaming into the target. */
final class EmbeddedEngine implements PixelEngine {
    private final PixelClassificationRunner runner;
    private final ImageFormat hdf5;

    EmbeddedEngine(PixelClassificationRunner runner, ImageFormat hdf5) {
        this.runner = runner;
        this.hdf5 = hdf5;
    }

    @Override
    public String describe() {
        return "embedded";
    }

    @Override
    public void export(ImageSource source, ExportSource export, ImageTarget target, ProgressListener progress)
            throws IOException, InterruptedException {
        runner.run(source, hdf5, export, OutputSinks.hdf5(target), progress);
    }
}
