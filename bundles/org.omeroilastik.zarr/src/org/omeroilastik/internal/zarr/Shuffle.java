package org.omeroilastik.internal.zarr;

/** Blosc's byte shuffle and bit shuffle of one block, forwards and back (c-blosc 1.x semantics). */
final class Shuffle {
    private Shuffle() {
    }

    /** Byte shuffle: byte j of every element together; trailing bytes that make no whole element stay put. */
    static void shuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int blocksize) {
        int n = blocksize / typesize;
        for (int j = 0; j < typesize; j++) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + j * n + i] = src[srcOff + i * typesize + j];
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, blocksize - done);
    }

    static void unshuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int blocksize) {
        int n = blocksize / typesize;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < typesize; j++) {
                dst[dstOff + i * typesize + j] = src[srcOff + j * n + i];
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, blocksize - done);
    }

    /**
     * Bit unshuffle as bitshuffle's {@code bshuf_untrans_bit_elem}: the input holds, for byte j of an
     * element and bit b (least significant first), a row of one bit per element (element e at byte e/8,
     * bit e%8). Blosc applies it only when the element count is a multiple of 8, else copies the block.
     */
    static void bitunshuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int blocksize) {
        int n = blocksize / typesize;
        if (n % 8 != 0) {
            System.arraycopy(src, srcOff, dst, dstOff, blocksize);
            return;
        }
        int rowBytes = n / 8;
        java.util.Arrays.fill(dst, dstOff, dstOff + n * typesize, (byte) 0);
        for (int j = 0; j < typesize; j++) {
            for (int b = 0; b < 8; b++) {
                int row = srcOff + (j * 8 + b) * rowBytes;
                for (int g = 0; g < rowBytes; g++) {
                    int bits = src[row + g] & 0xff;
                    if (bits == 0) {
                        continue;
                    }
                    int base = dstOff + g * 8 * typesize + j;
                    for (int k = 0; k < 8; k++) {
                        if ((bits & (1 << k)) != 0) {
                            dst[base + k * typesize] |= (byte) (1 << b);
                        }
                    }
                }
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, blocksize - done);
    }

    /** The inverse of {@link #bitunshuffle}. */
    static void bitshuffle(int typesize, byte[] src, int srcOff, byte[] dst, int dstOff, int blocksize) {
        int n = blocksize / typesize;
        if (n % 8 != 0) {
            System.arraycopy(src, srcOff, dst, dstOff, blocksize);
            return;
        }
        int rowBytes = n / 8;
        for (int j = 0; j < typesize; j++) {
            for (int b = 0; b < 8; b++) {
                int row = dstOff + (j * 8 + b) * rowBytes;
                for (int g = 0; g < rowBytes; g++) {
                    int base = srcOff + g * 8 * typesize + j;
                    int bits = 0;
                    for (int k = 0; k < 8; k++) {
                        bits |= ((src[base + k * typesize] >> b) & 1) << k;
                    }
                    dst[row + g] = (byte) bits;
                }
            }
        }
        int done = n * typesize;
        System.arraycopy(src, srcOff + done, dst, dstOff + done, blocksize - done);
    }
}
