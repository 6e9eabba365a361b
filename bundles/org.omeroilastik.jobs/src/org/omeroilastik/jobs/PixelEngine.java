package org.omeroilastik.jobs;

import java.io.IOException;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;

/** Computes one export of a project for one image into an HDF5 target: the embedded engine or an installed ilastik. */
interface PixelEngine {

    /** What provenance records as the engine. */
    String describe();

    /** Writes {@code export} of {@code source} to {@code target}; the target holds the export's full output descriptor. */
    void export(ImageSource source, ExportSource export, ImageTarget target, ProgressListener progress) throws IOException, InterruptedException;
}
