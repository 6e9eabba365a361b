package org.omeroilastik.hdf5;

import java.io.IOException;

/** A failure to read or write an HDF5 file; the message names the file and, where known, the object. */
public class Hdf5Exception extends IOException {
    private static final long serialVersionUID = 1L;

    public Hdf5Exception(String message) {
        super(message);
    }

    public Hdf5Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
