/**
 * OME-Zarr (OME-NGFF 0.4 over Zarr v2) read and written blockwise: a {@link org.omeroilastik.zarr.ZarrStore}
 * holds keys as bytes (a local folder, or read-only over a fetch function such as HTTP), {@link org.omeroilastik.zarr.ZarrArray} reads
 * and writes boxes of a Zarr v2 array chunk by chunk, and {@link org.omeroilastik.zarr.OmeZarr} reads the
 * {@code multiscales} metadata of an image and writes new images.
 *
 * <p>Axis convention as everywhere in this project: descriptors list axes slowest first in the file's
 * order; arrays returned by reads are primitive arrays in C order for the box's shape.
 */
package org.omeroilastik.zarr;
