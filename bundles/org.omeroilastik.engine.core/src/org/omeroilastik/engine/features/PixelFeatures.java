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
                Passes p = new Passes(smooth(input, pre, twoD));
                for (int f = 0; f < nf; f++) {
                    if (spec.selected()[f][s]) {
                        results.get(f).get(s).addAll(feature(spec.ids().get(f), p, sigma, twoD, new Crop(coreOffset, coreShape)));
                    }
                }
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

    private static Volume smooth(Volume v, GaussianKernel k, boolean twoD) {
        return SeparableConvolution.separable(v, k, k, twoD ? null : k);
    }

    /**
     * The presmoothed data of one (scale, channel) and the x and x-then-y passes already computed on
     * it: features of one scale share most of their passes (the Hessian's are the Laplacian's and the
     * gradient's), and each pass is computed once. Results handed out are never modified.
     */
    private static final class Passes {
        private final Volume p;
        private final Map<GaussianKernel, Volume> x = new java.util.IdentityHashMap<>();
        private final Map<GaussianKernel, Map<GaussianKernel, Volume>> xy = new java.util.IdentityHashMap<>();

        Passes(Volume p) {
            this.p = p;
        }

        Volume x(GaussianKernel kx) {
            return x.computeIfAbsent(kx, k -> {
                Volume out = p.likeThis();
                SeparableConvolution.convolve(p, out, 2, k);
                return out;
            });
        }

        Volume xy(GaussianKernel kx, GaussianKernel ky) {
            return xy.computeIfAbsent(kx, k -> new java.util.IdentityHashMap<>()).computeIfAbsent(ky, k -> {
                Volume in = x(kx);
                Volume out = in.likeThis();
                SeparableConvolution.convolve(in, out, 1, k);
                return out;
            });
        }
    }

    /** kx along x, then ky along y, then (3D) kz along z, reusing passes already computed. */
    private static Volume conv(Passes p, GaussianKernel kx, GaussianKernel ky, GaussianKernel kz, boolean twoD) {
        Volume xy = p.xy(kx, ky);
        if (twoD) {
            return xy;
        }
        Volume out = xy.likeThis();
        SeparableConvolution.convolve(xy, out, 0, kz);
        return out;
    }

    /** Convolution of a fresh (not cached) volume. */
    private static Volume conv(Volume v, GaussianKernel kx, GaussianKernel ky, GaussianKernel kz, boolean twoD) {
        return SeparableConvolution.separable(v, kx, ky, twoD ? null : kz);
    }

    /** Where the block's core lies in the region; features are computed on the region and cropped to it. */
    private record Crop(int[] offset, int[] shape) {
        Volume of(Volume v) {
            return v.crop(offset[0], offset[1], offset[2], shape[0], shape[1], shape[2]);
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
                return List.of(crop.of(conv(p, g0, g0, g0, twoD)));
            case DifferenceOfGaussians: {
                GaussianKernel g0b = kernel(0, sigma * 0.66, w);
                Volume a = conv(p, g0, g0, g0, twoD);
                Volume b = conv(p, g0b, g0b, g0b, twoD);
                Volume dog = a.likeThis();
                float[] ad = a.data();
                float[] bd = b.data();
                float[] od = dog.data();
                for (int i = 0; i < ad.length; i++) {
                    od[i] = ad[i] - bd[i];
                }
                return List.of(crop.of(dog));
            }
            case LaplacianOfGaussian:
            case GaussianGradientMagnitude: {
                boolean laplacian = id == FeatureId.LaplacianOfGaussian;
                GaussianKernel d = kernel(laplacian ? 2 : 1, sigma, w);
                Volume x = conv(p, d, g0, g0, twoD);
                Volume y = conv(p, g0, d, g0, twoD);
                Volume result = x.likeThis();
                float[] xd = x.data();
                float[] yd = y.data();
                float[] rd = result.data();
                if (twoD) {
                    for (int i = 0; i < xd.length; i++) {
                        rd[i] = laplacian ? yd[i] + xd[i] : (float) Math.sqrt(yd[i] * yd[i] + xd[i] * xd[i]);
                    }
                } else {
                    float[] zd = conv(p, g0, g0, d, false).data();
                    for (int i = 0; i < xd.length; i++) {
                        rd[i] = laplacian ? xd[i] + yd[i] + zd[i]
                                : (float) Math.sqrt(xd[i] * xd[i] + yd[i] * yd[i] + zd[i] * zd[i]);
                    }
                }
                return List.of(crop.of(result));
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
            Volume xx = c.of(conv(product(gx, gx), outer, outer, outer, true));
            Volume yy = c.of(conv(product(gy, gy), outer, outer, outer, true));
            Volume xy = c.of(conv(product(gx, gy), outer, outer, outer, true));
            return eigen2d(xx, xy, yy);
        }
        Volume gz = conv(p, s0, s0, s1, false);
        Volume xx = c.of(conv(product(gx, gx), outer, outer, outer, false));
        Volume yy = c.of(conv(product(gy, gy), outer, outer, outer, false));
        Volume zz = c.of(conv(product(gz, gz), outer, outer, outer, false));
        Volume xy = c.of(conv(product(gx, gy), outer, outer, outer, false));
        Volume xz = c.of(conv(product(gx, gz), outer, outer, outer, false));
        Volume yz = c.of(conv(product(gy, gz), outer, outer, outer, false));
        return eigen3d(xx, xy, xz, yy, yz, zz);
    }

    private List<Volume> hessian(Passes p, double sigma, boolean twoD, Crop c) {
        float w = FeatureSpec.FEATURE_WINDOW;
        GaussianKernel g0 = kernel(0, sigma, w);
        GaussianKernel g1 = kernel(1, sigma, w);
        GaussianKernel g2 = kernel(2, sigma, w);
        if (twoD) {
            Volume xx = c.of(conv(p, g2, g0, g0, true));
            Volume yy = c.of(conv(p, g0, g2, g0, true));
            Volume xy = c.of(conv(p, g1, g1, g0, true));
            return eigen2d(xx, xy, yy);
        }
        Volume xx = c.of(conv(p, g2, g0, g0, false));
        Volume yy = c.of(conv(p, g0, g2, g0, false));
        Volume zz = c.of(conv(p, g0, g0, g2, false));
        Volume xy = c.of(conv(p, g1, g1, g0, false));
        Volume xz = c.of(conv(p, g1, g0, g1, false));
        Volume yz = c.of(conv(p, g0, g1, g1, false));
        return eigen3d(xx, xy, xz, yy, yz, zz);
    }

    private static Volume product(Volume a, Volume b) {
        Volume out = a.likeThis();
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
