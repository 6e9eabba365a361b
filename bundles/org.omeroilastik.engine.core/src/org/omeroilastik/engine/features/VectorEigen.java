package org.omeroilastik.engine.features;

import static org.omeroilastik.engine.features.Eigenvalues.INV3;
import static org.omeroilastik.engine.features.Eigenvalues.ROOT3;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector sweeps of {@link Eigenvalues#of3d}: lane by lane the scalar expressions, operation for
 * operation and in the same order (IEEE float arithmetic, {@code Math.min}/{@code max} semantics),
 * so results are bit-identical. Each returns how many samples it did, a whole number of vectors; the
 * caller finishes the rest with the scalar code. Loaded only when {@link Simd#enabled()}.
 */
final class VectorEigen {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorEigen() {
    }

    /** Scale, characteristic polynomial, and the square roots, for samples start..start+n. */
    static int scale(float[] a00, float[] a01, float[] a02, float[] a11, float[] a12, float[] a22, int start, int n,
            float[] scale, float[] mean, float[] mbDiv2, float[] rootQ, float[] magnitude) {
        int whole = SPECIES.loopBound(n);
        for (int j = 0; j < whole; j += SPECIES.length()) {
            int i = start + j;
            FloatVector x00 = FloatVector.fromArray(SPECIES, a00, i);
            FloatVector x01 = FloatVector.fromArray(SPECIES, a01, i);
            FloatVector x02 = FloatVector.fromArray(SPECIES, a02, i);
            FloatVector x11 = FloatVector.fromArray(SPECIES, a11, i);
            FloatVector x12 = FloatVector.fromArray(SPECIES, a12, i);
            FloatVector x22 = FloatVector.fromArray(SPECIES, a22, i);
            FloatVector max = x00.abs().max(x01.abs()).max(x02.abs().max(x11.abs())).max(x12.abs().max(x22.abs()));
            max = max.max(Float.MIN_VALUE);
            FloatVector b00 = x00.div(max), b01 = x01.div(max), b02 = x02.div(max);
            FloatVector b11 = x11.div(max), b12 = x12.div(max), b22 = x22.div(max);
            FloatVector c0 = b00.mul(b11).mul(b22).add(b01.mul(2f).mul(b02).mul(b12)).sub(b00.mul(b12).mul(b12))
                    .sub(b11.mul(b02).mul(b02)).sub(b22.mul(b01).mul(b01));
            FloatVector c1 = b00.mul(b11).sub(b01.mul(b01)).add(b00.mul(b22)).sub(b02.mul(b02)).add(b11.mul(b22)).sub(b12.mul(b12));
            FloatVector c2 = b00.add(b11).add(b22);
            FloatVector c2Div3 = c2.mul(INV3);
            FloatVector aDiv3 = c1.sub(c2.mul(c2Div3)).mul(INV3).min(0f);
            FloatVector m = c0.add(c2Div3.mul(c2Div3.mul(2f).mul(c2Div3).sub(c1))).mul(0.5f);
            FloatVector q = m.mul(m).add(aDiv3.mul(aDiv3).mul(aDiv3)).min(0f);
            max.intoArray(scale, j);
            c2Div3.intoArray(mean, j);
            m.intoArray(mbDiv2, j);
            q.neg().sqrt().intoArray(rootQ, j);
            aDiv3.neg().sqrt().intoArray(magnitude, j);
        }
        return whole;
    }

    /** The three roots, sorted by fastfilters' min/max network and scaled back, for samples start..start+n. */
    static int roots(int start, int n, float[] scale, float[] mean, float[] magnitude, float[] sin, float[] cos,
            float[] ev0, float[] ev1, float[] ev2) {
        int whole = SPECIES.loopBound(n);
        for (int j = 0; j < whole; j += SPECIES.length()) {
            int i = start + j;
            FloatVector c2Div3 = FloatVector.fromArray(SPECIES, mean, j);
            FloatVector mag = FloatVector.fromArray(SPECIES, magnitude, j);
            FloatVector sn = FloatVector.fromArray(SPECIES, sin, j);
            FloatVector cs = FloatVector.fromArray(SPECIES, cos, j);
            FloatVector r0 = c2Div3.add(mag.mul(2f).mul(cs));
            FloatVector r1 = c2Div3.sub(mag.mul(cs.add(sn.mul(ROOT3))));
            FloatVector r2 = c2Div3.sub(mag.mul(cs.sub(sn.mul(ROOT3))));
            FloatVector t0 = r0.min(r1), t1 = r0.max(r1);
            FloatVector s0 = t0.min(r2), t2 = t0.max(r2);
            FloatVector s1 = t1.min(t2), s2 = t1.max(t2);
            FloatVector max = FloatVector.fromArray(SPECIES, scale, j);
            s0.mul(max).intoArray(ev2, i);
            s1.mul(max).intoArray(ev1, i);
            s2.mul(max).intoArray(ev0, i);
        }
        return whole;
    }

    /**
     * sin and cos of atan2(rootQ, mbDiv2)/3, for samples 0..n: {@link CephesFloat}'s atan2 and sincos
     * with their branches as lane masks and blends.
     */
    static int angles(float[] rootQ, float[] mbDiv2, int n, float[] sin, float[] cos) {
        int whole = SPECIES.loopBound(n);
        for (int j = 0; j < whole; j += SPECIES.length()) {
            FloatVector angle = atan2(FloatVector.fromArray(SPECIES, rootQ, j), FloatVector.fromArray(SPECIES, mbDiv2, j)).mul(INV3);
            sinCos(angle, sin, cos, j);
        }
        return whole;
    }

    private static IntVector bits(FloatVector v) {
        return v.reinterpretAsInts();
    }

    private static FloatVector flipSign(FloatVector v, IntVector sign) {
        return bits(v).lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    }

    private static FloatVector atan2(FloatVector y, FloatVector x) {
        IntVector signX = bits(x).and(0x80000000);
        IntVector signY = bits(y).and(0x80000000);
        FloatVector ax = x.abs();
        FloatVector ay = y.abs();
        VectorMask<Float> negative = signX.compare(VectorOperators.NE, 0).cast(SPECIES);
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector q = zero.blend(-2f, negative);
        VectorMask<Float> swap = ay.compare(VectorOperators.GT, ax);
        FloatVector sx = ax.blend(ay, swap);
        FloatVector sy = ay.blend(ax.neg(), swap);
        q = q.blend(q.add(1f), swap);
        FloatVector s = sy.div(sx);
        FloatVector t = s.mul(s);
        float[] c = CephesFloat.ATAN2_C;
        FloatVector u = FloatVector.broadcast(SPECIES, c[0]);
        for (int i = 1; i < c.length; i++) {
            u = t.fma(u, FloatVector.broadcast(SPECIES, c[i]));
        }
        t = t.mul(s).fma(u, s);
        t = q.fma(FloatVector.broadcast(SPECIES, CephesFloat.MPI2), t);
        t = flipSign(t, signX);
        t = t.blend(CephesFloat.MPI2, sx.compare(VectorOperators.EQ, 0f));
        t = t.blend(zero.blend(CephesFloat.MPI, negative), sy.compare(VectorOperators.EQ, 0f));
        return flipSign(t, signY);
    }

    private static void sinCos(FloatVector angle, float[] sin, float[] cos, int at) {
        IntVector signSin = bits(angle).and(0x80000000);
        FloatVector x = angle.abs();
        FloatVector y = x.mul(CephesFloat.FOPI);
        IntVector j = (IntVector) y.convert(VectorOperators.F2I, 0); // truncation, as the scalar (int) cast
        j = j.add(1).and(~1);
        y = (FloatVector) j.convert(VectorOperators.I2F, 0);
        IntVector swapSin = j.and(4).lanewise(VectorOperators.LSHL, 29);
        VectorMask<Float> polynomial = j.and(2).compare(VectorOperators.EQ, 0).cast(SPECIES);
        x = x.add(y.mul(CephesFloat.DP1));
        x = x.add(y.mul(CephesFloat.DP2));
        x = x.add(y.mul(CephesFloat.DP3));
        IntVector signCos = j.sub(2).not().and(4).lanewise(VectorOperators.LSHL, 29);
        signSin = signSin.lanewise(VectorOperators.XOR, swapSin);
        FloatVector z = x.mul(x);
        FloatVector yc = FloatVector.broadcast(SPECIES, CephesFloat.COSCOF_P0);
        yc = yc.mul(z).add(CephesFloat.COSCOF_P1).mul(z).add(CephesFloat.COSCOF_P2).mul(z).mul(z);
        yc = yc.sub(z.mul(0.5f)).add(1f);
        FloatVector ys = FloatVector.broadcast(SPECIES, CephesFloat.SINCOF_P0);
        ys = ys.mul(z).add(CephesFloat.SINCOF_P1).mul(z).add(CephesFloat.SINCOF_P2).mul(z).mul(x).add(x);
        flipSign(yc.blend(ys, polynomial), signSin).intoArray(sin, at);
        flipSign(ys.blend(yc, polynomial), signCos).intoArray(cos, at);
    }
}
