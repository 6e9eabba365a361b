package org.omeroilastik.engine.features;

/**
 * Whether the filters use the JDK's Vector API ({@code jdk.incubator.vector}, which the launchers add
 * with {@code --add-modules}). Without the module, or with {@code -Domero.ilastik.vector=false}, the
 * scalar loops run: same results, several times slower.
 */
public final class Simd {
    private static final boolean ENABLED = detect();

    private Simd() {
    }

    /** True when the convolutions run on explicit vector lanes. */
    public static boolean enabled() {
        return ENABLED;
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("omero.ilastik.vector", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            // Compiles the vector class once: a JVM whose module cannot be linked falls back here, not later.
            VectorTaps.apply(new float[64], new int[] {0}, new int[] {0}, GaussianKernel.of(0, 0.1, 2f), new float[64], 0, 64);
            return true;
        } catch (LinkageError e) {
            return false;
        }
    }
}
