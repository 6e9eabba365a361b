package org.omeroilastik.internal.image.io;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.omeroilastik.hdf5.DatasetInfo;
import org.omeroilastik.hdf5.Hdf5Data;
import org.omeroilastik.hdf5.Hdf5Exception;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.hdf5.Hdf5Type;
import org.omeroilastik.hdf5.NodeKind;
import org.omeroilastik.image.io.AxisTags;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.IlastikHdf5;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.RegionReader;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.osgi.service.component.annotations.Component;

/**
 * ilastik-style HDF5: one dataset per image, axes in its {@code axistags} attribute (JSON), written
 * chunked and gzip-compressed as ilastik's export does, under {@code exported_data} by default.
 */
@Component(service = ImageFormat.class)
public final class Hdf5ImageFormat implements ImageFormat {
    /** Written in slabs along the slowest axis so a large image never needs a second full copy. */
    private static final long SLAB_BYTES = 64L << 20;

    @Override
    public String id() {
        return "hdf5";
    }

    @Override
    public List<String> extensions() {
        return List.of(".h5", ".hdf5", ".hdf");
    }

    @Override
    public ImageDescriptor describe(ImageSource source) throws ImageIoException {
        try (Hdf5File f = Hdf5File.open(source.file())) {
            return describe(f, source, datasetPath(f, source));
        } catch (Hdf5Exception e) {
            throw new ImageIoException(e.getMessage(), e);
        }
    }

    @Override
    public NdImage read(ImageSource source) throws ImageIoException {
        try (Hdf5File f = Hdf5File.open(source.file())) {
            String path = datasetPath(f, source);
            ImageDescriptor d = describe(f, source, path);
            Hdf5Data data = f.read(path);
            return new NdImage(d, ImgArrays.wrap(d.pixelType(), data.array(), d.shape()));
        } catch (Hdf5Exception e) {
            throw new ImageIoException(e.getMessage(), e);
        }
    }

    @Override
    public boolean readsRegionsEfficiently() {
        return true;
    }

    @Override
    public NdImage readRegion(ImageSource source, long[] offset, long[] count) throws ImageIoException {
        try (Hdf5File f = Hdf5File.open(source.file())) {
            String path = datasetPath(f, source);
            return region(f, path, describe(f, source, path), offset, count);
        } catch (Hdf5Exception e) {
            throw new ImageIoException(e.getMessage(), e);
        }
    }

    /** The box of the image {@code d} stored at {@code path}, read from the open file. */
    private static NdImage region(Hdf5File f, String path, ImageDescriptor d, long[] offset, long[] count) throws Hdf5Exception {
        Hdf5Data data = f.read(path, offset, count);
        ImageDescriptor region = new ImageDescriptor(d.axes(), count, d.pixelType(), d.physicalSizes());
        return new NdImage(region, ImgArrays.wrap(d.pixelType(), data.array(), count));
    }

    /** Chunk cache of the dataset a {@link #regionReader} reads: several chunks of a large 3D image. */
    static final long REGION_READER_CACHE_BYTES = 64L << 20;

    @Override
    public RegionReader regionReader(ImageSource source) throws ImageIoException {
        Hdf5File f = null;
        try {
            f = Hdf5File.open(source.file());
            f.keepDatasetsOpenForReading(REGION_READER_CACHE_BYTES);
            String path = datasetPath(f, source);
            ImageDescriptor d = describe(f, source, path);
            Hdf5File file = f;
            return new RegionReader() {
                @Override
                public NdImage read(long[] offset, long[] count) throws ImageIoException {
                    try {
                        return region(file, path, d, offset, count);
                    } catch (Hdf5Exception e) {
                        throw new ImageIoException(e.getMessage(), e);
                    }
                }

                @Override
                public void close() throws ImageIoException {
                    try {
                        file.close();
                    } catch (Hdf5Exception e) {
                        throw new ImageIoException(e.getMessage(), e);
                    }
                }
            };
        } catch (Hdf5Exception e) {
            closeQuietly(f);
            throw new ImageIoException(e.getMessage(), e);
        } catch (ImageIoException | RuntimeException e) {
            closeQuietly(f);
            throw e;
        }
    }

    private static void closeQuietly(Hdf5File f) {
        if (f != null) {
            try {
                f.close();
            } catch (Hdf5Exception e) {
                // the original failure is what the caller needs
            }
        }
    }

    @Override
    public boolean canWrite(PixelType type, AxisOrder axes) {
        return true;
    }

    @Override
    public void write(NdImage image, ImageTarget target) throws ImageIoException {
        ImageDescriptor d = image.descriptor();
        long[] shape = d.shape();
        PixelType type = d.pixelType();
        try (Hdf5File f = Files.exists(target.file()) ? Hdf5File.openForUpdate(target.file()) : Hdf5File.create(target.file())) {
            String path = target.internalPath();
            if (f.exists(path)) {
                throw new ImageIoException(target.file() + ": dataset " + path + " already exists");
            }
            f.createDataset(path, IlastikHdf5.hdf5Type(type), shape, IlastikHdf5.chunkShape(d), target.compressionLevel());
            f.writeAttribute(path, "axistags", Hdf5Data.scalar(new AxisTags(d.axes(), d.physicalSizes()).toJson()));
            if (shape.length == 0 || d.elementCount() == 0) {
                return;
            }
            long rowBytes = Math.max(1, d.elementCount() / shape[0]) * type.bytes();
            long rowsPerSlab = Math.max(1, SLAB_BYTES / rowBytes);
            for (long start = 0; start < shape[0]; start += rowsPerSlab) {
                long[] offset = new long[shape.length];
                offset[0] = start;
                long[] count = shape.clone();
                count[0] = Math.min(rowsPerSlab, shape[0] - start);
                long[] min = new long[shape.length];
                long[] max = new long[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    int dim = shape.length - 1 - i;
                    min[dim] = offset[i];
                    max[dim] = offset[i] + count[i] - 1;
                }
                Object slab = ImgArrays.toArray(shape[0] == count[0] ? image.pixels()
                        : net.imglib2.view.Views.interval(image.pixels(), min, max), type);
                f.write(path, offset, new Hdf5Data(IlastikHdf5.hdf5Type(type), count, slab));
            }
        } catch (Hdf5Exception e) {
            throw new ImageIoException(e.getMessage(), e);
        }
    }

    private static ImageDescriptor describe(Hdf5File f, ImageSource source, String path) throws Hdf5Exception, ImageIoException {
        DatasetInfo info = f.datasetInfo(path);
        PixelType type = pixelType(info.type(), source, path);
        AxisOrder axes;
        Map<Axis, org.omeroilastik.model.PhysicalSize> sizes = Map.of();
        var tags = f.stringAttribute(path, "axistags");
        if (source.axes().isPresent()) {
            axes = source.axes().get();
        } else if (tags.isPresent()) {
            try {
                AxisTags parsed = AxisTags.parse(tags.get());
                axes = parsed.order();
                sizes = parsed.resolutions();
            } catch (IllegalArgumentException e) {
                throw new ImageIoException(f.path() + ": dataset " + path + ": " + e.getMessage());
            }
        } else {
            try {
                axes = AxisTags.guess(info.shape());
            } catch (IllegalArgumentException e) {
                throw new ImageIoException(f.path() + ": dataset " + path + ": " + e.getMessage());
            }
        }
        if (axes.size() != info.rank()) {
            throw new ImageIoException(f.path() + ": dataset " + path + " has " + info.rank() + " dimensions "
                    + java.util.Arrays.toString(info.shape()) + " but axes '" + axes + "' name " + axes.size());
        }
        return new ImageDescriptor(axes, info.shape(), type, sizes);
    }

    private static PixelType pixelType(Hdf5Type t, ImageSource source, String path) throws ImageIoException {
        return switch (t.typeClass()) {
            case INTEGER -> PixelType.integer(t.size(), t.signed());
            case FLOAT -> PixelType.floating(t.size());
            case BOOLEAN -> PixelType.UINT8;
            default -> throw new ImageIoException(source.file() + ": dataset " + path + " holds " + t + " values, not pixels");
        };
    }

    /** The dataset to read: the one named, else the only dataset in the file, else exported_data or data. */
    private static String datasetPath(Hdf5File f, ImageSource source) throws Hdf5Exception, ImageIoException {
        if (source.internalPath().isPresent()) {
            String p = source.internalPath().get();
            if (f.kind(p) != NodeKind.DATASET) {
                throw new ImageIoException(source.file() + ": no dataset " + p + " (datasets: " + String.join(", ", datasets(f, "/")) + ")");
            }
            return p;
        }
        List<String> all = datasets(f, "/");
        if (all.size() == 1) {
            return all.get(0);
        }
        for (String preferred : new String[] {"/exported_data", "/data"}) {
            if (all.contains(preferred)) {
                return preferred;
            }
        }
        throw new ImageIoException(source.file() + ": " + (all.isEmpty() ? "no dataset in file"
                : "name the dataset as FILE.h5/DATASET; datasets: " + String.join(", ", all)));
    }

    private static List<String> datasets(Hdf5File f, String group) throws Hdf5Exception {
        List<String> out = new ArrayList<>();
        for (String c : f.children(group)) {
            String p = group.equals("/") ? "/" + c : group + "/" + c;
            switch (f.kind(p)) {
                case DATASET -> out.add(p);
                case GROUP -> out.addAll(datasets(f, p));
                default -> {
                }
            }
        }
        return out;
    }
}
