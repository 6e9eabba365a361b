package org.omeroilastik.internal.hdf5;

import java.io.IOException;

import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;

import hdf.hdf5lib.HDF5Constants;

/**
 * Reads a region of a chunked dataset by fetching the stored chunks themselves and decoding them in
 * Java. Used for filters the HDF Group library does not ship, above all h5py's LZF, so that reading
 * never depends on a filter plugin installed on the machine.
 */
public final class DirectChunkReader {
    private static final long UNDEFINED_ADDRESS = -1L;

    private DirectChunkReader() {
    }

    /**
     * Returns the raw element bytes (file byte order) of the region {@code offset}/{@code count}.
     * Chunks never written read as zeros, the HDF5 default fill value.
     */
    public static byte[] read(long datasetId, long[] dims, long[] chunk, int[] filterIds, int elementSize,
            long[] offset, long[] count) throws IOException {
        int rank = dims.length;
        long total = elementSize;
        for (long c : count) {
            total = Math.multiplyExact(total, c);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException("region of " + total + " bytes is too large for one read; read it in blocks");
        }
        byte[] out = new byte[(int) total];
        if (total == 0) {
            return out;
        }
        long chunkElements = 1;
        for (long c : chunk) {
            chunkElements *= c;
        }
        int chunkBytes = Math.toIntExact(chunkElements * elementSize);
        long[] first = new long[rank];
        long[] last = new long[rank];
        for (int d = 0; d < rank; d++) {
            first[d] = offset[d] / chunk[d];
            last[d] = (offset[d] + count[d] - 1) / chunk[d];
        }
        long[] index = first.clone();
        long[] chunkOrigin = new long[rank];
        int[] mask = new int[1];
        long[] address = new long[1];
        long[] storedSize = new long[1];
        while (true) {
            for (int d = 0; d < rank; d++) {
                chunkOrigin[d] = index[d] * chunk[d];
            }
            int status = hdf5.H5Dget_chunk_info_by_coord(datasetId, chunkOrigin, mask, address, storedSize);
            if (status < 0) {
                throw new IOException("cannot locate the chunk at " + java.util.Arrays.toString(chunkOrigin));
            }
            if (address[0] != UNDEFINED_ADDRESS && storedSize[0] > 0) {
                byte[] stored = new byte[Math.toIntExact(storedSize[0])];
                try (BytePointer buffer = new BytePointer(storedSize[0])) {
                    int[] filterMask = new int[1];
                    if (hdf5.H5Dread_chunk(datasetId, HDF5Constants.H5P_DEFAULT, chunkOrigin, filterMask, buffer) < 0) {
                        throw new IOException("cannot read the chunk at " + java.util.Arrays.toString(chunkOrigin));
                    }
                    buffer.get(stored);
                    byte[] decoded = ChunkFilters.decode(stored, filterIds, filterMask[0], chunkBytes, elementSize);
                    RegionCopy.copy(decoded, chunkOrigin, chunk, out, offset, count, elementSize);
                }
            }
            int d = rank - 1;
            while (d >= 0 && index[d] == last[d]) {
                index[d] = first[d];
                d--;
            }
            if (d < 0) {
                break;
            }
            index[d]++;
        }
        return out;
    }
}
