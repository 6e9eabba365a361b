package org.omeroilastik.export;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes something of its own for each image a job finished, into a folder. Contributed through the
 * {@code org.omeroilastik.export.api.exporters} extension point; one instance serves a whole run, and
 * is never called for two images at once.
 */
public interface Exporter {

    /**
     * Exports one finished image: called after every write-back of the image succeeded.
     *
     * @param result the image and what the job wrote back for it
     * @param folder where to write (exists; shared by every image of the run and every exporter, so
     *        name files after the image)
     * @throws IOException naming the file that could not be written; the run goes on with the next image
     */
    void export(ImageResult result, Path folder) throws IOException;
}
