/** The HDF5-backed implementation of {@link org.omeroilastik.ilp.IlpReader}. */
package org.omeroilastik.internal.ilp;
