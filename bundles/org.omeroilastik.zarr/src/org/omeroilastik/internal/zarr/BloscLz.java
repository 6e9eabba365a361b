package org.omeroilastik.internal.zarr;

/**
 * Decodes BloscLZ (c-blosc's FastLZ-derived codec), written from the format as c-blosc's
 * {@code blosclz_decompress} reads it. A stream is a sequence of instructions; the first byte's top
 * three bits are a marker and are ignored. An instruction byte {@code ctrl} below 32 is a literal run
 * of {@code ctrl + 1} bytes. Otherwise it is a match: length {@code (ctrl >> 5) + 2}, extended by
 * following bytes when {@code ctrl >> 5 == 7} (each 255 continues), then one byte {@code code}; the
 * distance is {@code ((ctrl & 31) << 8) + code}, or, when that byte is 255 and {@code ctrl & 31} is 31,
 * a 16-bit big-endian value plus 8191 that follows; bytes are copied one at a time from
 * {@code distance + 1} bytes back (so overlapping copies repeat).
 */
final class BloscLz {
    private static final int MAX_DISTANCE = 8191;

    private BloscLz() {
    }

    /**
     * Decodes {@code length} bytes at {@code in[inOff]} into exactly {@code outLength} bytes at
     * {@code out[outOff]}.
     *
     * @throws IllegalStateException when the stream is malformed or decodes to another length
     */
    static void decompress(byte[] in, int inOff, int length, byte[] out, int outOff, int outLength) {
        if (length <= 0) {
            throw new IllegalStateException("empty BloscLZ stream");
        }
        int ip = inOff;
        int ipLimit = inOff + length;
        int op = outOff;
        int opLimit = outOff + outLength;
        int ctrl = in[ip++] & 31;
        while (true) {
            if (ctrl >= 32) {
                int len = (ctrl >> 5) - 1;
                int ofs = (ctrl & 31) << 8;
                if (len == 6) {
                    int code;
                    do {
                        if (ip >= ipLimit) {
                            throw truncated();
                        }
                        code = in[ip++] & 0xff;
                        len += code;
                    } while (code == 255);
                }
                if (ip >= ipLimit) {
                    throw truncated();
                }
                int code = in[ip++] & 0xff;
                len += 3;
                int distance = ofs + code;
                if (code == 255 && ofs == (31 << 8)) {
                    if (ip + 1 >= ipLimit) {
                        throw truncated();
                    }
                    distance = (((in[ip] & 0xff) << 8) | (in[ip + 1] & 0xff)) + MAX_DISTANCE;
                    ip += 2;
                }
                int ref = op - distance - 1;
                if (ref < outOff) {
                    throw new IllegalStateException("BloscLZ match reaches before the start of the output");
                }
                if (op + len > opLimit) {
                    throw new IllegalStateException("BloscLZ stream decodes to more than " + outLength + " bytes");
                }
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++];
                }
            } else {
                int len = ctrl + 1;
                if (op + len > opLimit) {
                    throw new IllegalStateException("BloscLZ stream decodes to more than " + outLength + " bytes");
                }
                if (ip + len > ipLimit) {
                    throw truncated();
                }
                System.arraycopy(in, ip, out, op, len);
                ip += len;
                op += len;
            }
            if (ip >= ipLimit) {
                break;
            }
            ctrl = in[ip++] & 0xff;
        }
        if (op != opLimit) {
            throw new IllegalStateException("BloscLZ stream decodes to " + (op - outOff) + " bytes, expected " + outLength);
        }
    }

    private static IllegalStateException truncated() {
        return new IllegalStateException("truncated BloscLZ stream");
    }
}
