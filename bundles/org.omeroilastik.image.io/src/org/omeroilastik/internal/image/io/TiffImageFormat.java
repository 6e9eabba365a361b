package org.omeroilastik.internal.image.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.osgi.service.component.annotations.Component;

/**
 * TIFF through the JDK's reader and writer. Pages are planes; samples per pixel are channels. An
 * ImageJ hyperstack description ({@code channels=, slices=, frames=}) orders pages as Fiji does
 * (channel fastest, then z, then t); without it the pages are z. Written files carry that
 * description, LZW compression and one sample per page, so Fiji opens them as hyperstacks.
 */
@Component(service = ImageFormat.class)
public final class TiffImageFormat implements ImageFormat {
    private static final Pattern IMAGEJ_FIELD = Pattern.compile("(channels|slices|frames)=(\\d+)");

    @Override
    public String id() {
        return "tiff";
    }

    @Override
    public List<String> extensions() {
        return List.of(".tif", ".tiff");
    }

    @Override
    public ImageDescriptor describe(ImageSource source) throws ImageIoException {
        return readTiff(source, false).descriptor();
    }

    @Override
    public NdImage read(ImageSource source) throws ImageIoException {
        TiffContent c = readTiff(source, true);
        return new NdImage(c.descriptor(), ImgArrays.wrap(c.descriptor().pixelType(), c.pixels(), c.descriptor().shape()));
    }

    /** A TIFF's layout and, when asked for, its samples in the descriptor's (numpy) order. */
    private record TiffContent(ImageDescriptor descriptor, Object pixels) {
    }

    /** Reads the layout from page 0's header; with {@code pixels}, every plane too. */
    private static TiffContent readTiff(ImageSource source, boolean pixels) throws ImageIoException {
        Path file = source.file();
        FormatFiles.requireFile(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new ImageIoException(file + ": not a TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                int pages = reader.getNumImages(true);
                TIFFDirectory first = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
                boolean signed = intField(first, BaselineTIFFTagSet.TAG_SAMPLE_FORMAT, 1) == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER;
                int channels = 1;
                int slices = pages;
                int frames = 1;
                TIFFField description = first.getTIFFField(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION);
                if (description != null && description.getAsString(0).startsWith("ImageJ=")) {
                    Matcher m = IMAGEJ_FIELD.matcher(description.getAsString(0));
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
                // readRaster is unsupported by the JDK's TIFF reader; the image's raster holds the raw samples.
                java.awt.image.SampleModel sm = reader.getRawImageType(0) != null ? reader.getRawImageType(0).getSampleModel()
                        : reader.read(0, null).getSampleModel();
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                int samples = sm.getNumBands();
                PixelType type = RasterPlanes.pixelType(sm.getDataType(), signed);
                int c = channels * samples;
                long total = (long) w * h * c * pages / channels;
                if (total > Integer.MAX_VALUE - 8) {
                    throw new ImageIoException(file + ": too large to read at once (" + total + " samples)");
                }
                Object array = ImgArrays.allocate(type, pixels ? (int) total : 0);
                for (int p = 0; pixels && p < pages; p++) {
                    Raster r = reader.read(p, null).getRaster();
                    if (r.getWidth() != w || r.getHeight() != h || r.getNumBands() != samples) {
                        throw new ImageIoException(file + ": page " + p + " differs in size from page 0");
                    }
                    int channelPage = p % channels;
                    int plane = p / channels; // z + t * slices
                    for (int s = 0; s < samples; s++) {
                        int ch = channelPage * samples + s;
                        RasterPlanes.copyBand(r, s, array, plane * w * h * c + ch, c);
                    }
                }
                StringBuilder axes = new StringBuilder();
                java.util.List<Long> shape = new java.util.ArrayList<>();
                if (frames > 1) {
                    axes.append('t');
                    shape.add((long) frames);
                }
                if (slices > 1) {
                    axes.append('z');
                    shape.add((long) slices);
                }
                axes.append("yx");
                shape.add((long) h);
                shape.add((long) w);
                if (c > 1) {
                    axes.append('c');
                    shape.add((long) c);
                }
                long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
                ImageDescriptor d = new ImageDescriptor(AxisOrder.of(axes.toString()), dims, type);
                return new TiffContent(d, pixels ? array : null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageIoException ie) {
                throw ie;
            }
            throw new ImageIoException(file + ": cannot read TIFF: " + e.getMessage(), e);
        }
    }

    private static int intField(TIFFDirectory dir, int tag, int fallback) {
        TIFFField f = dir.getTIFFField(tag);
        return f == null ? fallback : f.getAsInt(0);
    }

    @Override
    public boolean canWrite(PixelType type, AxisOrder axes) {
        return RasterPlanes.supports(type) && axes.has(Axis.Y) && axes.has(Axis.X);
    }

    @Override
    public void write(NdImage image, ImageTarget target) throws ImageIoException {
        ImageDescriptor d = image.descriptor();
        if (!canWrite(d.pixelType(), d.axes())) {
            throw new ImageIoException(target.file() + ": TIFF output takes uint8, uint16, int16, int32, float32 or float64 "
                    + "images with y and x axes, not " + d.pixelType().numpyName() + " '" + d.axes() + "': use HDF5");
        }
        // Reorder to t, z, y, x, c so that pages come out in ImageJ's order.
        AxisOrder canonical = AxisOrder.of("tzyxc");
        long t = d.size(Axis.T), z = d.size(Axis.Z), h = d.size(Axis.Y), w = d.size(Axis.X), c = d.channels();
        Object array = ImgArrays.toArray(Reorder.toOrder(image, canonical), d.pixelType());
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        if (!writers.hasNext()) {
            throw new ImageIoException(target.file() + ": no TIFF writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        Path tmp = target.file().resolveSibling(target.file().getFileName() + ".part");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(tmp))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
            writer.prepareWriteSequence(null);
            int planeSize = (int) (w * h * c);
            String description = "ImageJ=1.11a\nimages=" + (t * z * c) + "\nchannels=" + c + "\nslices=" + z
                    + "\nframes=" + t + (c * z * t > c && c > 1 ? "\nhyperstack=true" : "") + "\n";
            for (int plane = 0; plane < t * z; plane++) {
                for (int ch = 0; ch < c; ch++) {
                    Raster raster = RasterPlanes.plane(d.pixelType(), array, plane * planeSize + ch, (int) c, (int) w, (int) h);
                    ImageTypeSpecifier spec = new ImageTypeSpecifier(new ComponentColorModel(
                            ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, Transparency.OPAQUE,
                            raster.getDataBuffer().getDataType()), raster.getSampleModel());
                    java.awt.image.BufferedImage planeImage = new java.awt.image.BufferedImage(spec.getColorModel(),
                            (java.awt.image.WritableRaster) raster, false, null);
                    IIOMetadata meta = writer.getDefaultImageMetadata(spec, param);
                    if (plane == 0 && ch == 0) {
                        TIFFDirectory dir = TIFFDirectory.createFromMetadata(meta);
                        TIFFTag tag = BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION);
                        dir.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_ASCII, 1, new String[] {description}));
                        meta = dir.getAsMetadata();
                    }
                    writer.writeToSequence(new IIOImage(planeImage, null, meta), param);
                }
            }
            writer.endWriteSequence();
        } catch (IOException | RuntimeException e) {
            throw new ImageIoException(target.file() + ": cannot write TIFF: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        try {
            Files.move(tmp, target.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ImageIoException(target.file() + ": cannot write: " + e.getMessage(), e);
        }
    }
}
