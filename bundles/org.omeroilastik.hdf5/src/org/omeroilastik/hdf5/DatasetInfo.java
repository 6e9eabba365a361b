package org.omeroilastik.hdf5;

import java.util.List;

/**
 * A dataset's layout without its values.
 *
 * @param shape extents, slowest-varying first (empty for a scalar)
 * @param type element type
 * @param chunkShape chunk extents, or an empty array when the dataset is not chunked
 * @param filters the filter pipeline's names in order, for example {@code [deflate]} or {@code [lzf]}
 */
public record DatasetInfo(long[] shape, Hdf5Type type, long[] chunkShape, List<String> filters) {
    public DatasetInfo {
        shape = shape.clone();
        chunkShape = chunkShape.clone();
        filters = List.copyOf(filters);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] chunkShape() {
        return chunkShape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        return Hdf5Data.elementCount(shape);
    }

    public boolean isChunked() {
        return chunkShape.length > 0;
    }
}
