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
import java.util.Locale;
import java.util.UUID;

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
 * TIFF and OME-TIFF through the JDK's reader and writer. Pages are planes; samples per pixel are
 * channels. OME-XML on page 0 maps planes to pages (DimensionOrder, TiffData) and gives physical
 * sizes; else an ImageJ hyperstack description ({@code channels=, slices=, frames=}) orders pages as
 * Fiji does (channel fastest, then z, then t); without either the pages are z (see {@link TiffLayout}).
 * Written files carry LZW compression, one sample per page in that ImageJ order, and either the
 * ImageJ description or, for {@code .ome.tif}/{@code .ome.tiff}, OME-XML, so Fiji opens them as
 * hyperstacks.
 */
@Component(service = ImageFormat.class)
public final class TiffImageFormat implements ImageFormat {

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
        return withReader(source, (reader, layout) -> layout.descriptor());
    }

    @Override
    public NdImage read(ImageSource source) throws ImageIoException {
        return withReader(source, (reader, layout) -> {
            ImageDescriptor d = layout.descriptor();
            long[] shape = d.shape();
            return new NdImage(d, ImgArrays.wrap(d.pixelType(), layout.read(reader, new long[shape.length], shape), shape));
        });
    }

    @Override
    public boolean readsRegionsEfficiently() {
        return true;
    }

    /** Decodes only the pages of the box's planes and channels, and of each only the box's rectangle. */
    @Override
    public NdImage readRegion(ImageSource source, long[] offset, long[] count) throws ImageIoException {
        return withReader(source, (reader, layout) -> {
            ImageDescriptor d = layout.descriptor();
            ImageDescriptor region = new ImageDescriptor(d.axes(), count, d.pixelType(), d.physicalSizes());
            return new NdImage(region, ImgArrays.wrap(d.pixelType(), layout.read(reader, offset, count), count));
        });
    }

    /** Whether page 0 of {@code file} describes itself in OME-XML (read from the header only). */
    public static boolean hasOmeXml(Path file) throws ImageIoException {
        FormatFiles.requireFile(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in != null && TiffHeader.imageDescription(in).filter(OmeXml::looksLikeOme).isPresent();
        } catch (IOException e) {
            throw new ImageIoException(file + ": cannot read TIFF: " + e.getMessage(), e);
        }
    }

    private interface ReaderAction<T> {
        T apply(ImageReader reader, TiffLayout layout) throws IOException;
    }

    /** Opens the file, reads its layout from the headers and runs {@code action}; errors name the file. */
    private static <T> T withReader(ImageSource source, ReaderAction<T> action) throws ImageIoException {
        Path file = source.file();
        FormatFiles.requireFile(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageIoException(file + ": not a TIFF image");
            }
            String description = TiffHeader.imageDescription(in).orElse(null);
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageIoException(file + ": not a TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                return action.apply(reader, TiffLayout.of(reader, description, file));
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

    /** Whether the name asks for OME-TIFF: {@code .ome.tif} or {@code .ome.tiff}, any case. */
    public static boolean isOmeTiff(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ome.tif") || name.endsWith(".ome.tiff");
    }

    /** The OME-XML of page 0; its pages are in XYCZT order, the order {@link #write} produces. */
    private static String omeXml(ImageDescriptor d, Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("(?i)\\.ome\\.tiff?$", "");
        // The JDK's writer stores each character's low byte; OME-XML is UTF-8 (the unit µm is not ASCII).
        return TiffHeader.forWriter(OmeXml.write(d, name, fileName, "urn:uuid:" + UUID.randomUUID()));
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
            String description = isOmeTiff(target.file()) ? omeXml(d, target.file())
                    : "ImageJ=1.11a\nimages=" + (t * z * c) + "\nchannels=" + c + "\nslices=" + z
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
