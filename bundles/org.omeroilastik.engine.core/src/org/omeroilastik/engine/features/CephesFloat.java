package org.omeroilastik.engine.features;

/**
 * The float32 atan2 and sincos of fastfilters' {@code avx_mathfun.h} (Cephes-derived polynomials),
 * which its 3D eigenvalue solver uses instead of libm. Reproduced operation by operation, with fused
 * multiply-adds where fastfilters' FMA build uses them, so eigenvalues round as ilastik's do.
 */
final class CephesFloat {
    static final float FOPI = 1.27323954473516f;
    static final float DP1 = -0.78515625f;
    static final float DP2 = -2.4187564849853515625e-4f;
    static final float DP3 = -3.77489497744594108e-8f;
    static final float SINCOF_P0 = -1.9515295891E-4f;
    static final float SINCOF_P1 = 8.3321608736E-3f;
    static final float SINCOF_P2 = -1.6666654611E-1f;
    static final float COSCOF_P0 = 2.443315711809948E-005f;
    static final float COSCOF_P1 = -1.388731625493765E-003f;
    static final float COSCOF_P2 = 4.166664568298827E-002f;
    static final float[] ATAN2_C = {0.00282363896258175373077393f, -0.0159569028764963150024414f,
        0.0425049886107444763183594f, -0.0748900920152664184570312f, 0.106347933411598205566406f,
        -0.142027363181114196777344f, 0.199926957488059997558594f, -0.333331018686294555664062f};
    static final float MPI = (float) Math.PI;
    static final float MPI2 = (float) (Math.PI / 2.0);

    private CephesFloat() {
    }

    static float atan2(float y, float x) {
        int signX = Float.floatToRawIntBits(x) & 0x80000000;
        int signY = Float.floatToRawIntBits(y) & 0x80000000;
        x = Math.abs(x);
        y = Math.abs(y);
        float q = signX != 0 ? -2f : 0f;
        float x0 = x;
        float y0 = y;
        boolean swap = y > x;
        if (swap) {
            x = y0;
            y = -x0;
            q += 1f;
        }
        float s = y / x;
        float t = s * s;
        float u = ATAN2_C[0];
        for (int i = 1; i < ATAN2_C.length; i++) {
            u = Math.fma(t, u, ATAN2_C[i]);
        }
        t = Math.fma(t * s, u, s);
        t = Math.fma(q, MPI2, t);
        t = Float.intBitsToFloat(Float.floatToRawIntBits(t) ^ signX);
        if (x == 0f) {
            t = MPI2;
        }
        if (y == 0f) {
            t = signX != 0 ? MPI : 0f;
        }
        return Float.intBitsToFloat(Float.floatToRawIntBits(t) ^ signY);
    }

    /** Writes sin(x) to out[0] and cos(x) to out[1]. */
    static void sincos(float x, float[] out) {
        int signSin = Float.floatToRawIntBits(x) & 0x80000000;
        x = Math.abs(x);
        float y = x * FOPI;
        int j = (int) y; // truncation, as _mm256_cvttps_epi32
        j = (j + 1) & ~1;
        y = j;
        int swapSin = (j & 4) << 29;
        boolean polyMask = (j & 2) == 0;
        x = x + y * DP1;
        x = x + y * DP2;
        x = x + y * DP3;
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSin;
        float z = x * x;
        float yc = COSCOF_P0;
        yc = yc * z;
        yc = yc + COSCOF_P1;
        yc = yc * z;
        yc = yc + COSCOF_P2;
        yc = yc * z;
        yc = yc * z;
        float tmp = z * 0.5f;
        yc = yc - tmp;
        yc = yc + 1f;
        float ys = SINCOF_P0;
        ys = ys * z;
        ys = ys + SINCOF_P1;
        ys = ys * z;
        ys = ys + SINCOF_P2;
        ys = ys * z;
        ys = ys * x;
        ys = ys + x;
        float sin = polyMask ? ys : yc;
        float cos = polyMask ? yc : ys;
        out[0] = Float.intBitsToFloat(Float.floatToRawIntBits(sin) ^ signSin);
        out[1] = Float.intBitsToFloat(Float.floatToRawIntBits(cos) ^ signCos);
    }
}
