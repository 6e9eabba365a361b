package org.omeroilastik.internal.image.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

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

/** PNG: 8- or 16-bit grey (axes yx) or RGB/RGBA (yxc), as ilastik reads them; palettes are expanded to RGB(A). */
@Component(service = ImageFormat.class)
public final class PngImageFormat implements ImageFormat {

    @Override
    public String id() {
        return "png";
    }

    @Override
    public List<String> extensions() {
        return List.of(".png");
    }

    @Override
    public ImageDescriptor describe(ImageSource source) throws ImageIoException {
        return read(source).descriptor();
    }

    @Override
    public NdImage read(ImageSource source) throws ImageIoException {
        Path file = source.file();
        FormatFiles.requireFile(file);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageIoException(file + ": corrupt PNG: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new ImageIoException(file + ": not a PNG image");
        }
        if (image.getColorModel() instanceof IndexColorModel icm) {
            image = icm.convertToIntDiscrete(image.getRaster(), false);
        }
        Raster raster = image.getRaster();
        if (raster.getDataBuffer().getDataType() == java.awt.image.DataBuffer.TYPE_INT) {
            // Packed ARGB from a palette: unpack to 8-bit bands through the colour model.
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(),
                    image.getColorModel().hasAlpha() ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
            rgb.getGraphics().drawImage(image, 0, 0, null);
            raster = rgb.getRaster();
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        PixelType type = RasterPlanes.pixelType(raster, false);
        Object array = ImgArrays.allocate(type, w * h * bands);
        for (int b = 0; b < bands; b++) {
            RasterPlanes.copyBand(raster, b, array, b, bands);
        }
        AxisOrder axes = bands == 1 ? AxisOrder.of("yx") : AxisOrder.of("yxc");
        long[] shape = bands == 1 ? new long[] {h, w} : new long[] {h, w, bands};
        ImageDescriptor d = new ImageDescriptor(axes, shape, type);
        if (source.axes().isPresent() && !source.axes().get().equals(axes)
                && !(source.axes().get().keys().equals("yxc") && bands == 1)) {
            throw new ImageIoException(file + ": PNG holds axes '" + axes + "', not '" + source.axes().get() + "'");
        }
        return new NdImage(d, ImgArrays.wrap(type, array, shape));
    }

    @Override
    public boolean canWrite(PixelType type, AxisOrder axes) {
        boolean typeOk = type == PixelType.UINT8 || type == PixelType.UINT16;
        String k = axes.keys();
        return typeOk && (k.equals("yx") || k.equals("yxc"));
    }

    @Override
    public void write(NdImage image, ImageTarget target) throws ImageIoException {
        ImageDescriptor d = image.descriptor();
        if (!canWrite(d.pixelType(), d.axes())) {
            throw new ImageIoException(target.file() + ": PNG holds uint8/uint16 images with axes yx or yxc, not "
                    + d.pixelType().numpyName() + " '" + d.axes() + "': use HDF5 or TIFF");
        }
        int h = (int) d.size(Axis.Y);
        int w = (int) d.size(Axis.X);
        int c = (int) d.channels();
        if (c != 1 && c != 3 && c != 4) {
            throw new ImageIoException(target.file() + ": PNG holds 1, 3 or 4 channels, not " + c + ": use HDF5 or TIFF");
        }
        BufferedImage out;
        if (d.pixelType() == PixelType.UINT8) {
            out = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY
                    : c == 3 ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_4BYTE_ABGR);
        } else if (c == 1) {
            out = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        } else {
            ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), c == 4, false,
                    c == 4 ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            out = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        }
        Object array = ImgArrays.toArray(image.pixels(), d.pixelType());
        int[] row = new int[w];
        for (int b = 0; b < c; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * c + b;
                    row[x] = array instanceof byte[] bytes ? bytes[i] & 0xFF : ((short[]) array)[i] & 0xFFFF;
                }
                out.getRaster().setSamples(0, y, w, 1, b, row);
            }
        }
        try {
            if (!ImageIO.write(out, "png", target.file().toFile())) {
                throw new ImageIoException(target.file() + ": no PNG writer available");
            }
        } catch (IOException e) {
            throw new ImageIoException(target.file() + ": cannot write: " + e.getMessage(), e);
        }
    }
}
