package org.omeroilastik.internal.hdf5;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.ning.compress.lzf.ChunkDecoder;
import com.ning.compress.lzf.LZFException;
import com.ning.compress.lzf.impl.VanillaChunkDecoder;

/**
 * Decodes one stored chunk through the HDF5 filters h5py projects use: LZF (h5py's filter 32000,
 * raw liblzf blocks without a header), deflate (zlib), shuffle and Fletcher-32.
 */
public final class ChunkFilters {
    public static final int DEFLATE = 1;
    public static final int SHUFFLE = 2;
    public static final int FLETCHER32 = 3;
    public static final int LZF = 32000;

    private static final ChunkDecoder LZF_DECODER = new VanillaChunkDecoder();

    private ChunkFilters() {
    }

    public static boolean canDecode(int filterId) {
        return filterId == DEFLATE || filterId == SHUFFLE || filterId == FLETCHER32 || filterId == LZF;
    }

    /**
     * Undoes {@code filterIds} (in pipeline order) on {@code stored}; bit i of {@code skippedMask}
     * set means filter i was not applied to this chunk (optional filters that could not compress).
     */
    public static byte[] decode(byte[] stored, int[] filterIds, int skippedMask, int chunkBytes, int elementSize)
            throws IOException {
        byte[] data = stored;
        for (int i = filterIds.length - 1; i >= 0; i--) {
            if ((skippedMask & (1 << i)) != 0) {
                continue;
            }
            data = switch (filterIds[i]) {
                case LZF -> lzf(data, chunkBytes);
                case DEFLATE -> inflate(data, chunkBytes);
                case SHUFFLE -> unshuffle(data, elementSize);
                case FLETCHER32 -> java.util.Arrays.copyOf(data, data.length - 4);
                default -> throw new IOException("unsupported HDF5 filter " + filterIds[i]);
            };
        }
        if (data.length != chunkBytes) {
            throw new IOException("chunk decoded to " + data.length + " bytes instead of " + chunkBytes);
        }
        return data;
    }

    private static byte[] lzf(byte[] in, int outBytes) throws IOException {
        byte[] out = new byte[outBytes];
        try {
            LZF_DECODER.decodeChunk(in, 0, out, 0, outBytes);
        } catch (LZFException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("corrupt LZF chunk: " + e.getMessage(), e);
        }
        return out;
    }

    private static byte[] inflate(byte[] in, int outBytes) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            byte[] out = new byte[outBytes];
            int n = 0;
            while (n < outBytes && !inflater.finished()) {
                int got = inflater.inflate(out, n, outBytes - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            return n == outBytes ? out : java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new IOException("corrupt deflate chunk: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] unshuffle(byte[] in, int elementSize) {
        if (elementSize <= 1) {
            return in;
        }
        int n = in.length / elementSize;
        byte[] out = in.clone();
        for (int b = 0; b < elementSize; b++) {
            for (int i = 0; i < n; i++) {
                out[i * elementSize + b] = in[b * n + i];
            }
        }
        return out;
    }
}
