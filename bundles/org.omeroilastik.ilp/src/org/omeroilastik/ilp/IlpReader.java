package org.omeroilastik.ilp;

import java.nio.file.Path;

/** Reads ilastik projects; a DS service. */
public interface IlpReader {

    /**
     * Reads the summary of a project.
     *
     * @throws UnsupportedWorkflowException for a workflow this product does not support
     * @throws IlpException when the file is missing, not HDF5, truncated or not an ilastik project
     */
    IlpProject read(Path file) throws IlpException;
}
