/**
 * Reading and writing HDF5 files (ilastik projects, ilastik/h5py image files) through the HDF Group's
 * own library, with chunks compressed by h5py's LZF filter decoded in Java. See docs/hdf5.md for why.
 */
package org.omeroilastik.hdf5;
