package org.omeroilastik.image.io;

import java.util.Arrays;
import java.util.Objects;

import org.omeroilastik.model.ImageDescriptor;

import net.imglib2.RandomAccessibleInterval;

/**
 * Pixels with their descriptor. The imglib2 image's dimensions are the descriptor's axes reversed
 * (see the package comment).
 */
public record NdImage(ImageDescriptor descriptor, RandomAccessibleInterval<?> pixels) {

    public NdImage {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(pixels, "pixels");
        long[] shape = descriptor.shape();
        if (pixels.numDimensions() != shape.length) {
            throw new IllegalArgumentException("image has " + pixels.numDimensions() + " dimensions, descriptor " + descriptor);
        }
        for (int d = 0; d < shape.length; d++) {
            if (pixels.dimension(d) != shape[shape.length - 1 - d]) {
                throw new IllegalArgumentException("image dimensions " + Arrays.toString(pixels.dimensionsAsLongArray())
                        + " do not match " + descriptor);
            }
        }
    }
}
