/** Native loading, type decoding and the LZF direct-chunk path behind {@link org.omeroilastik.hdf5.Hdf5File}. */
package org.omeroilastik.internal.hdf5;
