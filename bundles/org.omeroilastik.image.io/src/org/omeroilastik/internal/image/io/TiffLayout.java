package org.omeroilastik.internal.image.io;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;

/**
 * Where a TIFF keeps each plane: the IFD (page) of every (t, z, channel page), from OME-XML, an ImageJ
 * hyperstack description or, without either, pages as z. Samples per pixel are channels within a
 * page, so the image's channel {@code c} is in page {@code c / samples}, band {@code c % samples}.
 */
record TiffLayout(Path file, int width, int height, int samples, int channelPages, int slices, int frames, PixelType type,
        Map<Axis, PhysicalSize> physicalSizes, int[] ifds) {
    private static final Pattern IMAGEJ_FIELD = Pattern.compile("(channels|slices|frames)=(\\d+)");

    /** Reads the layout from headers only (page 0's metadata and description, the page count). */
    static TiffLayout of(ImageReader reader, String description, Path file) throws IOException {
        int pages = reader.getNumImages(true);
        TIFFDirectory first = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
        TIFFField format = first.getTIFFField(BaselineTIFFTagSet.TAG_SAMPLE_FORMAT);
        boolean signed = format != null && format.getAsInt(0) == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER;
        // readRaster is unsupported by the JDK's TIFF reader; the image's raster holds the raw samples.
        SampleModel sm = reader.getRawImageType(0) != null ? reader.getRawImageType(0).getSampleModel()
                : reader.read(0, null).getSampleModel();
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        int samples = sm.getNumBands();
        PixelType type = RasterPlanes.pixelType(sm.getDataType(), signed);
        if (description != null && OmeXml.looksLikeOme(description)) {
            return ome(OmeXml.parse(description, file), file, w, h, samples, type, pages);
        }
        int channels = 1;
        int slices = pages;
        int frames = 1;
        if (description != null && description.startsWith("ImageJ=")) {
            Matcher m = IMAGEJ_FIELD.matcher(description);
            int c = 1, z = 1, t = 1;
            while (m.find()) {
                int v = Integer.parseInt(m.group(2));
                switch (m.group(1)) {
                    case "channels" -> c = v;
                    case "slices" -> z = v;
                    default -> t = v;
                }
            }
            if ((long) c * z * t == pages) {
                channels = c;
                slices = z;
                frames = t;
            }
        }
        // ImageJ's order: channel fastest, then z, then t; so page = index.
        int[] ifds = new int[pages];
        for (int p = 0; p < pages; p++) {
            ifds[p] = p;
        }
        return new TiffLayout(file, w, h, samples, channels, slices, frames, type, Map.of(), ifds);
    }

    private static TiffLayout ome(OmeXml.Pixels px, Path file, int w, int h, int samples, PixelType tiffType, int pages)
            throws ImageIoException {
        if (px.sizeX() != w || px.sizeY() != h) {
            throw new ImageIoException(file + ": OME-XML says " + px.sizeX() + "x" + px.sizeY() + " pixels but page 0 is " + w + "x" + h);
        }
        if (px.sizeC() % samples != 0) {
            throw new ImageIoException(file + ": OME-XML SizeC=" + px.sizeC() + " is not a multiple of the " + samples + " samples per pixel");
        }
        // The TIFF's SampleFormat is often left unset by writers; OME's Type decides signedness.
        if (px.type().bytes() != tiffType.bytes() || px.type().isFloatingPoint() != tiffType.isFloatingPoint()) {
            throw new ImageIoException(file + ": OME-XML Type is " + px.type().numpyName() + " but the TIFF holds "
                    + tiffType.numpyName() + " samples");
        }
        int channelPages = px.sizeC() / samples;
        int[] ifds = px.ifds(channelPages, pages, file);
        return new TiffLayout(file, w, h, samples, channelPages, px.sizeZ(), px.sizeT(), px.type(), px.physicalSizes(), ifds);
    }

    /** Axes as the ImageJ path has always given them: t, z, y, x, c, each of t, z, c only when longer than 1. */
    ImageDescriptor descriptor() {
        StringBuilder axes = new StringBuilder();
        List<Long> shape = new ArrayList<>();
        if (frames > 1) {
            axes.append('t');
            shape.add((long) frames);
        }
        if (slices > 1) {
            axes.append('z');
            shape.add((long) slices);
        }
        axes.append("yx");
        shape.add((long) height);
        shape.add((long) width);
        long c = (long) channelPages * samples;
        if (c > 1) {
            axes.append('c');
            shape.add(c);
        }
        AxisOrder order = AxisOrder.of(axes.toString());
        Map<Axis, PhysicalSize> sizes = new EnumMap<>(Axis.class);
        physicalSizes.forEach((a, s) -> {
            if (order.has(a)) {
                sizes.put(a, s);
            }
        });
        return new ImageDescriptor(order, shape.stream().mapToLong(Long::longValue).toArray(), type, sizes);
    }

    /**
     * Reads the box {@code offset}..{@code offset+count} (the descriptor's axes): only the pages holding
     * its planes and channels, and of each only its y/x rectangle, so memory is that of the box.
     */
    Object read(ImageReader reader, long[] offset, long[] count) throws IOException {
        ImageDescriptor d = descriptor();
        long[] shape = d.shape();
        if (offset.length != shape.length || count.length != shape.length) {
            throw new ImageIoException(file + ": region rank " + offset.length + " differs from image rank " + shape.length);
        }
        long total = 1;
        for (int i = 0; i < shape.length; i++) {
            if (offset[i] < 0 || count[i] < 1 || offset[i] + count[i] > shape[i]) {
                throw new ImageIoException(file + ": region " + Arrays.toString(offset) + "+" + Arrays.toString(count) + " lies outside "
                        + Arrays.toString(shape));
            }
            total *= count[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new ImageIoException(file + ": too large to read at once (" + total + " samples)");
        }
        int t0 = start(d, Axis.T, offset), nt = extent(d, Axis.T, count);
        int z0 = start(d, Axis.Z, offset), nz = extent(d, Axis.Z, count);
        int y0 = start(d, Axis.Y, offset), ny = extent(d, Axis.Y, count);
        int x0 = start(d, Axis.X, offset), nx = extent(d, Axis.X, count);
        int c0 = start(d, Axis.C, offset), nc = extent(d, Axis.C, count);
        Object array = ImgArrays.allocate(type, (int) total);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(x0, y0, nx, ny));
        for (int t = 0; t < nt; t++) {
            for (int z = 0; z < nz; z++) {
                int planeStart = (t * nz + z) * ny * nx * nc; // t, z, y, x, c as the descriptor orders them
                for (int page = c0 / samples; page <= (c0 + nc - 1) / samples; page++) {
                    int ifd = ifds[((t0 + t) * slices + z0 + z) * channelPages + page];
                    if (reader.getWidth(ifd) != width || reader.getHeight(ifd) != height) {
                        throw new ImageIoException(file + ": page " + ifd + " differs in size from page 0");
                    }
                    Raster r = reader.read(ifd, param).getRaster();
                    if (r.getNumBands() != samples || r.getWidth() != nx || r.getHeight() != ny) {
                        throw new ImageIoException(file + ": page " + ifd + " differs in layout from page 0");
                    }
                    for (int s = 0; s < samples; s++) {
                        int ch = page * samples + s - c0;
                        if (ch >= 0 && ch < nc) {
                            RasterPlanes.copyBand(r, s, array, planeStart + ch, nc);
                        }
                    }
                }
            }
        }
        return array;
    }

    private static int start(ImageDescriptor d, Axis a, long[] offset) {
        int i = d.axes().indexOf(a);
        return i < 0 ? 0 : (int) offset[i];
    }

    private static int extent(ImageDescriptor d, Axis a, long[] count) {
        int i = d.axes().indexOf(a);
        return i < 0 ? 1 : (int) count[i];
    }
}
