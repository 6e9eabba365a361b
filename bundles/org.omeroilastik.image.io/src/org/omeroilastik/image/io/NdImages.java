package org.omeroilastik.image.io;

import java.util.Arrays;

import org.omeroilastik.internal.image.io.ImgArrays;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

import net.imglib2.view.Views;

/** Small operations on {@link NdImage}s that keep the descriptor and the pixels consistent. */
public final class NdImages {
    private NdImages() {
    }

    /** A copy of the box {@code offset}..{@code offset+count} (numpy order) of {@code image}. */
    public static NdImage crop(NdImage image, long[] offset, long[] count) {
        ImageDescriptor d = image.descriptor();
        long[] shape = d.shape();
        if (offset.length != shape.length || count.length != shape.length) {
            throw new IllegalArgumentException("region rank differs from image rank " + shape.length);
        }
        long[] min = new long[shape.length];
        long[] max = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (offset[i] < 0 || count[i] < 1 || offset[i] + count[i] > shape[i]) {
                throw new IllegalArgumentException("region " + Arrays.toString(offset) + "+" + Arrays.toString(count)
                        + " lies outside " + Arrays.toString(shape));
            }
            int dim = shape.length - 1 - i;
            min[dim] = offset[i];
            max[dim] = offset[i] + count[i] - 1;
        }
        PixelType type = d.pixelType();
        Object array = ImgArrays.toArray(Views.zeroMin(Views.interval(image.pixels(), min, max)), type);
        ImageDescriptor cropped = new ImageDescriptor(d.axes(), count, type, d.physicalSizes());
        return new NdImage(cropped, ImgArrays.wrap(type, array, count));
    }

    /** Wraps a primitive array (C order for {@code descriptor}'s shape) as an image, without copying. */
    public static NdImage wrap(ImageDescriptor descriptor, Object array) {
        return new NdImage(descriptor, ImgArrays.wrap(descriptor.pixelType(), array, descriptor.shape()));
    }

    /** The pixels as a primitive array in C order: the backing array when there is one, else a copy. */
    public static Object toArray(NdImage image) {
        return ImgArrays.toArray(image.pixels(), image.descriptor().pixelType());
    }
}
