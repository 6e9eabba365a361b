/**
 * Reading and writing n-d images as imglib2 images: ilastik-style HDF5 (with the axistags
 * attribute), NPY, PNG and TIFF (with OME-TIFF), each an {@link org.omeroilastik.image.io.ImageFormat} service.
 *
 * <p>Axis convention: an image's {@link org.omeroilastik.model.ImageDescriptor} lists axes slowest
 * first, as numpy and HDF5 do ("tzyxc"); the imglib2 image has the same axes fastest first, so
 * imglib2 dimension {@code d} is descriptor axis {@code rank - 1 - d}. No pixel is copied to convert.
 */
package org.omeroilastik.image.io;
