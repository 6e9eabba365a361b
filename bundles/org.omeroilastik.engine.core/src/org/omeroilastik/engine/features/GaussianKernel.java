package org.omeroilastik.engine.features;

/**
 * One half of a symmetric or antisymmetric FIR Gaussian derivative kernel, coefficients for taps
 * 0..radius, computed exactly as fastfilters' {@code fastfilters_kernel_fir_gaussian} does: float
 * coefficients, double sums, the same order of operations. Tap -k equals +k (symmetric, orders 0
 * and 2) or -(+k) (antisymmetric, order 1).
 */
public record GaussianKernel(int order, double sigma, float[] coefficients, boolean symmetric) {

    public GaussianKernel {
        coefficients = coefficients.clone();
    }

    public int radius() {
        return coefficients.length - 1;
    }

    /** Kernel of derivative {@code order} (0..2) at {@code sigma}, radius floor(windowRatio·sigma + 0.5). */
    public static GaussianKernel of(int order, double sigma, float windowRatio) {
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("derivative order must be 0, 1 or 2, not " + order);
        }
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma must be >= 0, not " + sigma);
        }
        int len = (int) Math.floor(windowRatio * sigma + 0.5);
        if (Math.abs(sigma) < 1e-6) {
            len = 0;
        }
        double sigma2 = -0.5 / sigma / sigma;
        double norm = order == 0 ? 1.0 / (Math.sqrt(2.0 * Math.PI) * sigma) : -1.0 / (Math.sqrt(2.0 * Math.PI) * Math.pow(sigma, 3));
        float[] c = new float[len + 1];
        for (int x = 0; x <= len; x++) {
            double x2 = (double) x * x;
            double g = norm * Math.exp(x2 * sigma2);
            c[x] = switch (order) {
                case 0 -> (float) g;
                case 1 -> (float) (x * g);
                default -> (float) ((1.0 - (x / sigma) * (x / sigma)) * g);
            };
        }
        boolean symmetric = order != 1;
        if (order == 2) {
            double dc = c[0];
            for (int x = 1; x <= len; x++) {
                dc += 2 * (double) c[x];
            }
            dc /= 2.0 * len + 1.0;
            for (int x = 0; x <= len; x++) {
                c[x] = (float) (c[x] - dc);
            }
        }
        double sum;
        if (order == 0) {
            sum = c[0];
            for (int x = 1; x <= len; x++) {
                sum += 2 * (double) c[x];
            }
        } else {
            int faculty = order == 2 ? 2 : 1;
            int sign = symmetric ? 1 : -1;
            sum = 0.0;
            for (int x = 1; x <= len; x++) {
                sum += c[x] * Math.pow(-(double) x, order) / faculty;
                sum += sign * c[x] * Math.pow(x, order) / faculty;
            }
        }
        for (int x = 0; x <= len; x++) {
            c[x] = (float) (c[x] / sum);
        }
        if (!symmetric) {
            for (int x = 0; x <= len; x++) {
                c[x] = -c[x];
            }
        }
        return new GaussianKernel(order, sigma, c, symmetric);
    }
}
