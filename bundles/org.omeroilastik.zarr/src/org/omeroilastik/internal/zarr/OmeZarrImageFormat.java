package org.omeroilastik.internal.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.zarr.OmeZarr;
import org.omeroilastik.zarr.ZarrArray;
import org.omeroilastik.zarr.ZarrCompressor;
import org.omeroilastik.zarr.ZarrException;
import org.omeroilastik.zarr.ZarrStore;
import org.osgi.service.component.annotations.Component;

/**
 * OME-Zarr (OME-NGFF 0.4 over Zarr v2) in a local folder named {@code *.zarr} or {@code *.ome.zarr}.
 * Reads level 0 in the file's axis order (the whole image, or a box fetching only the chunks it meets);
 * an internal path names a group inside the folder (a bioformats2raw series or a plate field). Writes
 * one level {@code 0} in NGFF order (t, c, z, y, x) with Blosc LZ4 and byte shuffle, zarr-python's
 * default, at the target's compression level; the folder is written beside and then moved in place.
 */
@Component(service = ImageFormat.class)
public final class OmeZarrImageFormat implements ImageFormat {

    @Override
    public String id() {
        return "ome-zarr";
    }

    @Override
    public List<String> extensions() {
        return List.of(".ome.zarr", ".zarr");
    }

    @Override
    public ImageDescriptor describe(ImageSource source) throws ImageIoException {
        return open(source).descriptor;
    }

    @Override
    public NdImage read(ImageSource source) throws ImageIoException {
        Opened o = open(source);
        try {
            return NdImages.wrap(o.descriptor, o.array.read());
        } catch (ZarrException | IllegalArgumentException e) {
            throw new ImageIoException(e.getMessage(), e);
        }
    }

    @Override
    public boolean readsRegionsEfficiently() {
        return true;
    }

    @Override
    public NdImage readRegion(ImageSource source, long[] offset, long[] count) throws ImageIoException {
        Opened o = open(source);
        try {
            Object box = o.array.read(offset, count);
            ImageDescriptor d = o.descriptor;
            return NdImages.wrap(new ImageDescriptor(d.axes(), count, d.pixelType(), d.physicalSizes()), box);
        } catch (ZarrException | IllegalArgumentException e) {
            throw new ImageIoException(source.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canWrite(PixelType type, AxisOrder axes) {
        return OmeZarr.canWrite(axes);
    }

    @Override
    public void write(NdImage image, ImageTarget target) throws ImageIoException {
        Path dir = target.file().toAbsolutePath().normalize();
        if (!OmeZarr.canWrite(image.descriptor().axes())) {
            throw new ImageIoException(dir + ": OME-NGFF 0.4 needs two or three spatial axes; the image has axes '" + image.descriptor().axes() + "'");
        }
        requireReplaceable(dir);
        Path staging = dir.resolveSibling("." + dir.getFileName() + ".writing-" + UUID.randomUUID());
        try {
            ZarrCompressor compressor = ZarrCompressor.blosc("lz4", target.compressionLevel(), 1);
            OmeZarr.write(ZarrStore.directory(staging), image, new OmeZarr.WriteOptions(baseName(dir), compressor));
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ImageIoException(e instanceof ZarrException ? e.getMessage().replace(staging.toString(), dir.toString())
                    : dir + ": " + e.getMessage(), e);
        } finally {
            try {
                if (Files.exists(staging)) {
                    deleteTree(staging);
                }
            } catch (IOException e) {
                // Left behind under a hidden name; the next write uses another one.
            }
        }
    }

    private record Opened(ZarrArray array, ImageDescriptor descriptor) {
    }

    private static Opened open(ImageSource source) throws ImageIoException {
        Path dir = source.file();
        if (!Files.isDirectory(dir)) {
            throw new ImageIoException(dir + (Files.exists(dir) ? ": not a folder; an OME-Zarr is a folder" : ": no such OME-Zarr folder"));
        }
        try {
            OmeZarr image = OmeZarr.open(ZarrStore.directory(dir), source.internalPath().map(p -> p.replaceAll("^/+|/+$", "")).orElse(""));
            ZarrArray array = image.array(0);
            ImageDescriptor d = image.descriptor(0);
            if (source.axes().isPresent() && !source.axes().get().equals(d.axes())) {
                AxisOrder given = source.axes().get();
                if (given.size() != d.axes().size()) {
                    throw new ImageIoException(dir + ": array " + array.path() + " has " + d.axes().size() + " dimensions but axes '" + given
                            + "' name " + given.size());
                }
                d = new ImageDescriptor(given, d.shape(), d.pixelType(), Map.of());
            }
            return new Opened(array, d);
        } catch (ZarrException e) {
            throw new ImageIoException(e.getMessage(), e);
        }
    }

    /** Refuses to replace a regular file, or a non-empty folder that is not a Zarr hierarchy. */
    private static void requireReplaceable(Path dir) throws ImageIoException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new ImageIoException(dir + ": exists and is not a folder; not replaced by an OME-Zarr");
        }
        boolean zarr = Files.exists(dir.resolve(".zgroup")) || Files.exists(dir.resolve(".zattrs")) || Files.exists(dir.resolve(".zarray"));
        if (!zarr) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new ImageIoException(dir + ": a folder that is not a Zarr hierarchy (no .zgroup, .zattrs or .zarray); not replaced");
                }
            } catch (IOException e) {
                throw new ImageIoException(dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static String baseName(Path dir) {
        String name = dir.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".ome.zarr", ".zarr")) {
            if (lower.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
