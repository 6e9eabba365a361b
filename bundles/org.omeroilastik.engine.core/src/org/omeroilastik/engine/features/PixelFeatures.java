package org.omeroilastik.engine.features;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes ilastik's feature matrix for one block of input channels (each a {@link Volume} of the
 * same size). Channel order is ilastik's: feature rows in spec order, scale columns left to right,
 * and within one (feature, scale) the input channel outer and the feature channel inner.
 *
 * <p>Each input channel is presmoothed once per selected scale s with σ = √(s²−1) (s > 1) or s
 * (s ≤ 1) at window 3.5; the features of that scale are computed on the presmoothed data at σ = 1
 * (s > 1) or s, window 2.
 */
public final class PixelFeatures {
    private final FeatureSpec spec;
    private final Map<String, GaussianKernel> kernels = new ConcurrentHashMap<>();
    /** Each thread's temporaries, reused from block to block. */
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);

    public PixelFeatures(FeatureSpec spec) {
        this.spec = spec;
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** The feature channels of {@code channels}, each the size of the input. */
    public List<Volume> compute(List<Volume> channels) {
        Volume v = channels.get(0);
        return compute(channels, new int[] {0, 0, 0}, new int[] {v.nz(), v.ny(), v.nx()});
    }

    /**
     * The feature channels of {@code channels} cropped to the box at {@code coreOffset} (z, y, x) of
     * extent {@code coreShape}: each feature is computed on the whole input (the block with its halo)
     * and cropped at once, so only one feature's full-size temporaries are alive at a time.
     */
    public List<Volume> compute(List<Volume> channels, int[] coreOffset, int[] coreShape) {
        int nz = channels.get(0).nz();
        int nf = spec.ids().size();
        int ns = spec.scales().length;
        Scratch scratch = scratches.get();
        scratch.startBlock();
        Crop crop = new Crop(coreOffset, coreShape, scratch);
        // results[f][s] = channels of that (feature, scale) block, input channel outer.
        List<List<List<Volume>>> results = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            List<List<Volume>> row = new ArrayList<>();
            for (int s = 0; s < ns; s++) {
                row.add(new ArrayList<>());
            }
            results.add(row);
        }
        for (int s = 0; s < ns; s++) {
            boolean any = false;
            for (int f = 0; f < nf; f++) {
                any |= spec.selected()[f][s];
            }
            if (!any) {
                continue;
            }
            double scale = spec.scales()[s];
            double presmooth = scale > 1 ? Math.sqrt(scale * scale - 1) : scale;
            double sigma = scale > 1 ? 1.0 : scale;
            boolean twoD = spec.twoD(s, nz);
            GaussianKernel pre = kernel(0, presmooth, FeatureSpec.PRESMOOTHING_WINDOW);
            for (Volume input : channels) {
                Passes p = new Passes(SeparableConvolution.separable(input, pre, pre, twoD ? null : pre, scratch), scratch);
                for (int f = 0; f < nf; f++) {
                    if (spec.selected()[f][s]) {
                        results.get(f).get(s).addAll(feature(spec.ids().get(f), p, sigma, twoD, crop));
                    }
                }
                p.release();
            }
        }
        List<Volume> out = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            for (int s = 0; s < ns; s++) {
                out.addAll(results.get(f).get(s));
            }
        }
        return out;
    }

    private GaussianKernel kernel(int order, double sigma, float window) {
        return kernels.computeIfAbsent(order + "/" + sigma + "/" + window, k -> GaussianKernel.of(order, sigma, window));
    }

    /**
     * The presmoothed data of one (scale, channel) and the x and x-then-y passes already computed on
     * it: features of one scale share most of their passes (the Hessian's are the Laplacian's and the
     * gradient's), and each pass is computed once. Its volumes go back to the scratch on
     * {@link #release()}; {@link #done} gives back a volume unless it is one of these.
     */
    private static final class Passes {
        private final Volume p;
        private final Scratch scratch;
        private final Map<GaussianKernel, Volume> x = new java.util.IdentityHashMap<>();
        private final Map<GaussianKernel, Map<GaussianKernel, Volume>> xy = new java.util.IdentityHashMap<>();
        private final java.util.Set<Volume> cached = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Passes(Volume p, Scratch scratch) {
            this.p = p;
            this.scratch = scratch;
            cached.add(p);
        }

        Volume x(GaussianKernel kx) {
            return x.computeIfAbsent(kx, k -> {
                Volume out = scratch.takeLike(p);
                SeparableConvolution.convolve(p, out, 2, k);
                cached.add(out);
                return out;
            });
        }

        Volume xy(GaussianKernel kx, GaussianKernel ky) {
            return xy.computeIfAbsent(kx, k -> new java.util.IdentityHashMap<>()).computeIfAbsent(ky, k -> {
                Volume in = x(kx);
                Volume out = scratch.takeLike(in);
                SeparableConvolution.convolve(in, out, 1, k);
                cached.add(out);
                return out;
            });
        }

        Volume take() {
            return scratch.takeLike(p);
        }

        /** Gives back temporaries the caller is done with; cached passes stay until {@link #release()}. */
        void done(Volume... volumes) {
            for (Volume v : volumes) {
                if (v != null && !cached.contains(v)) {
                    scratch.give(v);
                }
            }
        }

        void release() {
            cached.forEach(scratch::give);
            cached.clear();
        }
    }

    /** kx along x, then ky along y, then (3D) kz along z, reusing passes already computed. */
    private static Volume conv(Passes p, GaussianKernel kx, GaussianKernel ky, GaussianKernel kz, boolean twoD) {
        Volume xy = p.xy(kx, ky);
        if (twoD) {
            return xy;
        }
        Volume out = p.take();
        SeparableConvolution.convolve(xy, out, 0, kz);
        return out;
    }

    /** Convolution of a fresh (not cached) volume, which is given back afterwards. */
    private static Volume convConsuming(Passes p, Volume v, GaussianKernel k, boolean twoD) {
        Volume out = SeparableConvolution.separable(v, k, k, twoD ? null : k, p.scratch);
        p.done(v);
        return out;
    }

    /**
     * Where the block's core lies in the region; features are computed on the region and cropped to it.
     * A crop that is the whole region hands the volume itself out, which then must never be reused.
     */
    private record Crop(int[] offset, int[] shape, Scratch scratch) {
        Volume of(Volume v) {
            Volume c = v.crop(offset[0], offset[1], offset[2], shape[0], shape[1], shape[2]);
            return c == v ? scratch.escape(v) : c;
        }

        /** The crop of a temporary, which goes back to the scratch when the crop is a copy. */
        Volume ofTemporary(Passes p, Volume v) {
            Volume c = of(v);
            if (c != v) {
                p.done(v);
            }
            return c;
        }
    }

    /**
     * The channels of one feature of one input channel, computed on the presmoothed data {@code p}
     * and cropped to the core (tensor components before their eigenvalues, to solve only the core).
     */
    private List<Volume> feature(FeatureId id, Passes p, double sigma, boolean twoD, Crop crop) {
        float w = FeatureSpec.FEATURE_WINDOW;
        GaussianKernel g0 = kernel(0, sigma, w);
        switch (id) {
            case GaussianSmoothing:
                return List.of(crop.ofTemporary(p, conv(p, g0, g0, g0, twoD)));
            case DifferenceOfGaussians: {
                GaussianKernel g0b = kernel(0, sigma * 0.66, w);
                Volume a = conv(p, g0, g0, g0, twoD);
                Volume b = conv(p, g0b, g0b, g0b, twoD);
                Volume dog = p.take();
                float[] ad = a.data();
                float[] bd = b.data();
                float[] od = dog.data();
                for (int i = 0; i < ad.length; i++) {
                    od[i] = ad[i] - bd[i];
                }
                p.done(a, b);
                return List.of(crop.ofTemporary(p, dog));
            }
            case LaplacianOfGaussian:
            case GaussianGradientMagnitude: {
                boolean laplacian = id == FeatureId.LaplacianOfGaussian;
                GaussianKernel d = kernel(laplacian ? 2 : 1, sigma, w);
                Volume x = conv(p, d, g0, g0, twoD);
                Volume y = conv(p, g0, d, g0, twoD);
                Volume result = p.take();
                float[] xd = x.data();
                float[] yd = y.data();
                float[] rd = result.data();
                if (twoD) {
                    for (int i = 0; i < xd.length; i++) {
                        rd[i] = laplacian ? yd[i] + xd[i] : (float) Math.sqrt(yd[i] * yd[i] + xd[i] * xd[i]);
                    }
                } else {
                    Volume z = conv(p, g0, g0, d, false);
                    float[] zd = z.data();
                    for (int i = 0; i < xd.length; i++) {
                        rd[i] = laplacian ? xd[i] + yd[i] + zd[i]
                                : (float) Math.sqrt(xd[i] * xd[i] + yd[i] * yd[i] + zd[i] * zd[i]);
                    }
                    p.done(z);
                }
                p.done(x, y);
                return List.of(crop.ofTemporary(p, result));
            }
            case StructureTensorEigenvalues:
                return structureTensor(p, sigma, twoD, crop);
            case HessianOfGaussianEigenvalues:
                return hessian(p, sigma, twoD, crop);
            default:
                throw new IllegalStateException(id.toString());
        }
    }

    /** fastfilters' structure tensor with ilastik's swapped scales: gradient at σ/2, smoothing at σ. */
    private List<Volume> structureTensor(Passes p, double sigma, boolean twoD, Crop c) {
        float w = FeatureSpec.FEATURE_WINDOW;
        double inner = sigma / 2;
        GaussianKernel s0 = kernel(0, inner, w);
        GaussianKernel s1 = kernel(1, inner, w);
        GaussianKernel outer = kernel(0, sigma, w);
        Volume gx = conv(p, s1, s0, s0, twoD);
        Volume gy = conv(p, s0, s1, s0, twoD);
        if (twoD) {
            Volume xx = c.ofTemporary(p, convConsuming(p, product(p, gx, gx), outer, true));
            Volume yy = c.ofTemporary(p, convConsuming(p, product(p, gy, gy), outer, true));
            Volume xy = c.ofTemporary(p, convConsuming(p, product(p, gx, gy), outer, true));
            p.done(gx, gy);
            return eigen2d(xx, xy, yy);
        }
        Volume gz = conv(p, s0, s0, s1, false);
        Volume xx = c.ofTemporary(p, convConsuming(p, product(p, gx, gx), outer, false));
        Volume yy = c.ofTemporary(p, convConsuming(p, product(p, gy, gy), outer, false));
        Volume zz = c.ofTemporary(p, convConsuming(p, product(p, gz, gz), outer, false));
        Volume xy = c.ofTemporary(p, convConsuming(p, product(p, gx, gy), outer, false));
        Volume xz = c.ofTemporary(p, convConsuming(p, product(p, gx, gz), outer, false));
        Volume yz = c.ofTemporary(p, convConsuming(p, product(p, gy, gz), outer, false));
        p.done(gx, gy, gz);
        return eigen3d(xx, xy, xz, yy, yz, zz);
    }

    private List<Volume> hessian(Passes p, double sigma, boolean twoD, Crop c) {
        float w = FeatureSpec.FEATURE_WINDOW;
        GaussianKernel g0 = kernel(0, sigma, w);
        GaussianKernel g1 = kernel(1, sigma, w);
        GaussianKernel g2 = kernel(2, sigma, w);
        if (twoD) {
            Volume xx = c.ofTemporary(p, conv(p, g2, g0, g0, true));
            Volume yy = c.ofTemporary(p, conv(p, g0, g2, g0, true));
            Volume xy = c.ofTemporary(p, conv(p, g1, g1, g0, true));
            return eigen2d(xx, xy, yy);
        }
        Volume xx = c.ofTemporary(p, conv(p, g2, g0, g0, false));
        Volume yy = c.ofTemporary(p, conv(p, g0, g2, g0, false));
        Volume zz = c.ofTemporary(p, conv(p, g0, g0, g2, false));
        Volume xy = c.ofTemporary(p, conv(p, g1, g1, g0, false));
        Volume xz = c.ofTemporary(p, conv(p, g1, g0, g1, false));
        Volume yz = c.ofTemporary(p, conv(p, g0, g1, g1, false));
        return eigen3d(xx, xy, xz, yy, yz, zz);
    }

    private static Volume product(Passes p, Volume a, Volume b) {
        Volume out = p.take();
        float[] ad = a.data();
        float[] bd = b.data();
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = ad[i] * bd[i];
        }
        return out;
    }

    private static List<Volume> eigen2d(Volume xx, Volume xy, Volume yy) {
        Volume big = xx.likeThis();
        Volume small = xx.likeThis();
        Eigenvalues.of2d(xx.data(), xy.data(), yy.data(), big.data(), small.data());
        return List.of(big, small);
    }

    private static List<Volume> eigen3d(Volume xx, Volume xy, Volume xz, Volume yy, Volume yz, Volume zz) {
        Volume e0 = xx.likeThis();
        Volume e1 = xx.likeThis();
        Volume e2 = xx.likeThis();
        // fastfilters' Python binding hands the tensor over in reverse axis order (zz as a00, ..., xx as a22);
        // the eigenvalues are the same, their rounding is not.
        Eigenvalues.of3d(zz.data(), yz.data(), xz.data(), yy.data(), xy.data(), xx.data(), e0.data(), e1.data(), e2.data());
        return List.of(e0, e1, e2);
    }
}
