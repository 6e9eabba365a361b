package org.omeroilastik.zarr;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a Zarr v2 {@code .zarray} says: shape, chunk shape, dtype, fill value, compressor and the
 * separator of chunk key indices ({@code "."} or {@code "/"}). Order is always C and filters are
 * always none (others are refused on read). The fill value is a {@link Long} for integer dtypes and a
 * {@link Double} (possibly NaN or infinite) for floating-point ones; JSON null reads as 0.
 */
public record ZarrArrayMetadata(long[] shape, int[] chunks, ZarrDataType dataType, Number fillValue, ZarrCompressor compressor,
        String dimensionSeparator) {

    public ZarrArrayMetadata {
        shape = shape.clone();
        chunks = chunks.clone();
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(fillValue, "fillValue");
        Objects.requireNonNull(compressor, "compressor");
        if (shape.length != chunks.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and chunks " + Arrays.toString(chunks) + " differ in rank");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || chunks[i] < 1) {
                throw new IllegalArgumentException("bad shape " + Arrays.toString(shape) + " or chunks " + Arrays.toString(chunks));
            }
        }
        long chunkBytes = dataType.itemSize();
        for (int c : chunks) {
            chunkBytes *= c;
            if (chunkBytes > Integer.MAX_VALUE - 64) {
                throw new IllegalArgumentException("chunks " + Arrays.toString(chunks) + " exceed 2 GiB per chunk");
            }
        }
        if (!".".equals(dimensionSeparator) && !"/".equals(dimensionSeparator)) {
            throw new IllegalArgumentException("dimension_separator must be \".\" or \"/\", not " + dimensionSeparator);
        }
        fillValue = dataType.pixelType().isFloatingPoint() ? (Number) fillValue.doubleValue() : (Number) fillValue.longValue();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int[] chunks() {
        return chunks.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Items in one chunk (edge chunks are stored full-size too). */
    public int chunkItems() {
        int n = 1;
        for (int c : chunks) {
            n *= c;
        }
        return n;
    }

    /** Chunks along each axis. */
    public long[] chunkGrid() {
        long[] g = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            g[i] = (shape[i] + chunks[i] - 1) / chunks[i];
        }
        return g;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZarrArrayMetadata m && Arrays.equals(shape, m.shape) && Arrays.equals(chunks, m.chunks)
                && dataType.equals(m.dataType) && fillValue.equals(m.fillValue) && compressor.equals(m.compressor)
                && dimensionSeparator.equals(m.dimensionSeparator);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(chunks), dataType, fillValue, compressor, dimensionSeparator);
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + " chunks " + Arrays.toString(chunks) + " " + dataType + " " + compressor;
    }
}
