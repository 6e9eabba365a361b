package org.omeroilastik.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about an n-d image without reading its pixels: axis order, shape (in that order),
 * pixel type and, where known, the physical size of one step per axis.
 */
public record ImageDescriptor(AxisOrder axes, long[] shape, PixelType pixelType, Map<Axis, PhysicalSize> physicalSizes) {

    public ImageDescriptor {
        Objects.requireNonNull(axes, "axes");
        Objects.requireNonNull(pixelType, "pixelType");
        shape = shape.clone();
        physicalSizes = Map.copyOf(physicalSizes);
        if (shape.length != axes.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not fit axes " + axes);
        }
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
            }
        }
    }

    public ImageDescriptor(AxisOrder axes, long[] shape, PixelType pixelType) {
        this(axes, shape, pixelType, Map.of());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Extent along {@code axis}, 1 when the image has no such axis. */
    public long size(Axis axis) {
        int i = axes.indexOf(axis);
        return i < 0 ? 1 : shape[i];
    }

    /** Number of channels (1 without a c axis). */
    public long channels() {
        return size(Axis.C);
    }

    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public Optional<PhysicalSize> physicalSize(Axis axis) {
        return Optional.ofNullable(physicalSizes.get(axis));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageDescriptor d && axes.equals(d.axes) && Arrays.equals(shape, d.shape)
                && pixelType == d.pixelType && physicalSizes.equals(d.physicalSizes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(axes, Arrays.hashCode(shape), pixelType, physicalSizes);
    }

    @Override
    public String toString() {
        return axes + Arrays.toString(shape) + " " + pixelType.numpyName();
    }
}
