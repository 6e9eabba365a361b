package org.omeroilastik.jobs;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSink;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;

/**
 * The pure-Java engine, blockwise, streaming into the targets. The input is read by the format its
 * file name selects (a repository image is ilastik HDF5 or a kept OME-TIFF).
 */
final class EmbeddedEngine implements PixelEngine {
    private final PixelClassificationRunner runner;
    private final ImageFormats formats;

    EmbeddedEngine(PixelClassificationRunner runner, ImageFormats formats) {
        this.runner = runner;
        this.formats = formats;
    }

    @Override
    public String describe() {
        return "embedded";
    }

    @Override
    public void export(ImageSource source, Map<ExportSource, ImageTarget> targets, ProgressListener progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        ImageFormat in = formats.forFile(source.file()).orElseThrow(() -> new IOException(source.describe() + ": no image format reads it"));
        // One pass: features and forests once per block, whatever the number of exports.
        Map<ExportSource, OutputSink> sinks = new EnumMap<>(ExportSource.class);
        targets.forEach((export, target) -> sinks.put(export, OutputSinks.hdf5(target)));
        runner.run(source, in, sinks, progress);
    }
}
