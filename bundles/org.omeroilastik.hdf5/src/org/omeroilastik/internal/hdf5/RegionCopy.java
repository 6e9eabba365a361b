package org.omeroilastik.internal.hdf5;

/** Copies the overlap of two C-ordered n-d boxes of elements, one contiguous row at a time. */
public final class RegionCopy {
    private RegionCopy() {
    }

    /**
     * Copies from box {@code src} (origin {@code srcOrigin}, extent {@code srcShape}) into box
     * {@code dst} (origin {@code dstOrigin}, extent {@code dstShape}) wherever they overlap.
     */
    public static void copy(byte[] src, long[] srcOrigin, long[] srcShape, byte[] dst, long[] dstOrigin,
            long[] dstShape, int elementSize) {
        int rank = srcShape.length;
        long[] lo = new long[rank];
        long[] hi = new long[rank];
        for (int d = 0; d < rank; d++) {
            lo[d] = Math.max(srcOrigin[d], dstOrigin[d]);
            hi[d] = Math.min(srcOrigin[d] + srcShape[d], dstOrigin[d] + dstShape[d]);
            if (hi[d] <= lo[d]) {
                return;
            }
        }
        if (rank == 0) {
            System.arraycopy(src, 0, dst, 0, elementSize);
            return;
        }
        int rowBytes = (int) ((hi[rank - 1] - lo[rank - 1]) * elementSize);
        long[] pos = lo.clone();
        while (true) {
            long s = 0;
            long t = 0;
            for (int d = 0; d < rank; d++) {
                s = s * srcShape[d] + (pos[d] - srcOrigin[d]);
                t = t * dstShape[d] + (pos[d] - dstOrigin[d]);
            }
            System.arraycopy(src, (int) (s * elementSize), dst, (int) (t * elementSize), rowBytes);
            int d = rank - 2;
            while (d >= 0 && pos[d] == hi[d] - 1) {
                pos[d] = lo[d];
                d--;
            }
            if (d < 0) {
                return;
            }
            pos[d]++;
        }
    }
}
