package org.omeroilastik.hdf5;

/** What a path in an HDF5 file names. */
public enum NodeKind {
    GROUP, DATASET, NAMED_DATATYPE, MISSING
}
