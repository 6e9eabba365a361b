package org.omeroilastik.jobs;

import java.io.IOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;

/** Computes one export of a project for one image into an HDF5 target: the embedded engine or an installed ilastik. */
interface PixelEngine {

    /** What provenance records as the engine. */
    String describe();

    /**
     * Writes each export of {@code source} to its target (each holding the export's full output
     * descriptor). Once {@code cancelled} turns true it stops soon with a CancellationException (the
     * embedded engine through {@code progress}, which then returns false; an ilastik run is killed).
     */
    void export(ImageSource source, Map<ExportSource, ImageTarget> targets, ProgressListener progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException;
}
