/**
 * Implementations behind {@link org.omeroilastik.zarr}: the filesystem store, the chunk codecs (gzip,
 * zlib, zstd, Blosc 1 with our own BloscLZ decoder) and the {@code ome-zarr} image format service.
 */
package org.omeroilastik.internal.zarr;
