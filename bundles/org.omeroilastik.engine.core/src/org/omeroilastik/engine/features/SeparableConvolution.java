package org.omeroilastik.engine.features;

/**
 * One-dimensional passes of a {@link GaussianKernel} along x, y or z with reflect-101 borders (index
 * -k reads k, n-1+k reads n-1-k), accumulating exactly as fastfilters' FMA path does: acc = c0·v[i],
 * then for k = 1..r: acc = fma(v[i+k] ± v[i-k], c_k, acc), all in float32.
 */
public final class SeparableConvolution {
    private SeparableConvolution() {
    }

    /** Mirrors an index into [0, n) with reflect-101, repeating for kernels longer than the line. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** Convolves {@code src} along {@code axis} (0 = z, 1 = y, 2 = x) into {@code dst} (may not alias). */
    public static void convolve(Volume src, Volume dst, int axis, GaussianKernel kernel) {
        convolve(src, dst, axis, kernel, Simd.enabled());
    }

    /**
     * As {@link #convolve(Volume, Volume, int, GaussianKernel)}, on vector lanes or on the scalar
     * loops as asked (the results are the same; this is for comparing the two). Lanes need
     * {@link Simd#enabled()}.
     */
    public static void convolve(Volume src, Volume dst, int axis, GaussianKernel kernel, boolean vectorLanes) {
        if (vectorLanes && !Simd.enabled()) {
            throw new IllegalStateException("the Vector API (jdk.incubator.vector) is not available");
        }
        switch (axis) {
            case 2 -> alongX(src, dst, kernel, vectorLanes);
            case 1 -> alongRows(src, dst, kernel, true, vectorLanes);
            case 0 -> alongRows(src, dst, kernel, false, vectorLanes);
            default -> throw new IllegalArgumentException("axis must be 0 (z), 1 (y) or 2 (x), not " + axis);
        }
    }

    private static void alongX(Volume src, Volume dst, GaussianKernel kernel, boolean vectorLanes) {
        int nx = src.nx();
        int lines = src.nz() * src.ny();
        int r = kernel.radius();
        float[] in = src.data();
        float[] out = dst.data();
        float[] line = new float[nx + 2 * r];
        // Where each border sample of the padded line comes from (reflect-101), computed once: a
        // modulo per sample would cost more than the short kernels' arithmetic.
        int[] left = new int[r];
        int[] right = new int[r];
        for (int k = 0; k < r; k++) {
            left[k] = reflect(k - r, nx);
            right[k] = reflect(nx + k, nx);
        }
        int[] plus = new int[r + 1];
        int[] minus = new int[r + 1];
        for (int k = 0; k <= r; k++) {
            plus[k] = r + k;
            minus[k] = r - k;
        }
        for (int l = 0; l < lines; l++) {
            int base = l * nx;
            for (int k = 0; k < r; k++) {
                line[k] = in[base + left[k]];
                line[r + nx + k] = in[base + right[k]];
            }
            System.arraycopy(in, base, line, r, nx);
            Taps.apply(line, plus, minus, kernel, out, base, nx, vectorLanes);
        }
    }

    /**
     * Along y ({@code alongY}) or z: whole rows (or planes) are combined at once, so the inner loop runs
     * over contiguous x and the JIT can vectorise it; per sample the arithmetic is the same as along x.
     */
    private static void alongRows(Volume src, Volume dst, GaussianKernel kernel, boolean alongY, boolean vectorLanes) {
        int n = alongY ? src.ny() : src.nz();
        int outer = alongY ? src.nz() : 1;
        int rowLen = alongY ? src.nx() : src.ny() * src.nx();
        int block = n * rowLen;
        int r = kernel.radius();
        float[] in = src.data();
        float[] out = dst.data();
        int[] plus = new int[r + 1];
        int[] minus = new int[r + 1];
        for (int o = 0; o < outer; o++) {
            int base = o * block;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k <= r; k++) {
                    plus[k] = base + reflect(i + k, n) * rowLen;
                    minus[k] = base + reflect(i - k, n) * rowLen;
                }
                Taps.apply(in, plus, minus, kernel, out, base + i * rowLen, rowLen, vectorLanes);
            }
        }
    }

    /**
     * Applies one kernel per axis, x first, then y, then z (for 3D volumes), as fastfilters'
     * convolve2d/3d do. {@code kz} is ignored for 2D volumes. Returns a new volume.
     */
    public static Volume separable(Volume src, GaussianKernel kx, GaussianKernel ky, GaussianKernel kz) {
        return separable(src, kx, ky, kz, null);
    }

    /** As {@link #separable(Volume, GaussianKernel, GaussianKernel, GaussianKernel)}, temporaries from {@code scratch} (null: new arrays). */
    static Volume separable(Volume src, GaussianKernel kx, GaussianKernel ky, GaussianKernel kz, Scratch scratch) {
        Volume a = scratch == null ? src.likeThis() : scratch.takeLike(src);
        convolve(src, a, 2, kx);
        Volume b = scratch == null ? src.likeThis() : scratch.takeLike(src);
        convolve(a, b, 1, ky);
        if (src.nz() == 1 || kz == null) {
            if (scratch != null) {
                scratch.give(a);
            }
            return b;
        }
        convolve(b, a, 0, kz);
        if (scratch != null) {
            scratch.give(b);
        }
        return a;
    }
}
