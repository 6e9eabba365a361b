package org.omeroilastik.engine.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.omeroilastik.hdf5.Hdf5Data;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.image.io.AxisTags;
import org.omeroilastik.image.io.IlastikHdf5;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.ImageDescriptor;

/** The two ways outputs are written: streamed into HDF5, or assembled and written by any image format. */
public final class OutputSinks {
    private OutputSinks() {
    }

    /**
     * ilastik-style HDF5 streamed block by block into {@code FILE.part}, renamed to {@code target} on
     * commit (an existing file there is replaced), so a crash never leaves a file that looks complete.
     */
    public static OutputSink hdf5(ImageTarget target) {
        return new Hdf5Sink(target);
    }

    /** Assembles the whole output in memory, then writes it with {@code format} (TIFF, NPY, PNG). */
    public static OutputSink inMemory(ImageFormat format, ImageTarget target) {
        return new MemorySink(format, target);
    }

    private static final class Hdf5Sink implements OutputSink {
        private final ImageTarget target;
        private final Path part;
        private Hdf5File file;
        private ImageDescriptor descriptor;
        private boolean committed;

        Hdf5Sink(ImageTarget target) {
            this.target = target;
            this.part = target.file().resolveSibling(target.file().getFileName() + ".part");
        }

        @Override
        public void open(ImageDescriptor d) throws IOException {
            open(d, null);
        }

        @Override
        public void open(ImageDescriptor d, long[] writeShape) throws IOException {
            descriptor = d;
            Files.deleteIfExists(part);
            file = Hdf5File.create(part);
            file.createDataset(target.internalPath(), IlastikHdf5.hdf5Type(d.pixelType()), d.shape(), IlastikHdf5.chunkShape(d, writeShape),
                    target.compressionLevel());
            file.writeAttribute(target.internalPath(), "axistags", Hdf5Data.scalar(new AxisTags(d.axes(), d.physicalSizes()).toJson()));
        }

        @Override
        public void write(long[] offset, long[] count, Object array) throws IOException {
            file.write(target.internalPath(), offset, new Hdf5Data(IlastikHdf5.hdf5Type(descriptor.pixelType()), count, array));
        }

        @Override
        public void commit() throws IOException {
            file.close();
            file = null;
            Files.move(part, target.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        }

        @Override
        public void abort() {
            if (committed) {
                return;
            }
            try {
                if (file != null) {
                    file.close();
                }
            } catch (IOException e) {
                // the partial file is deleted below either way
            }
            file = null;
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // nothing more to do: the .part name already marks it as incomplete
            }
        }
    }

    private static final class MemorySink implements OutputSink {
        private final ImageFormat format;
        private final ImageTarget target;
        private ImageDescriptor descriptor;
        private Object array;

        MemorySink(ImageFormat format, ImageTarget target) {
            this.format = format;
            this.target = target;
        }

        @Override
        public void open(ImageDescriptor d) throws IOException {
            if (!format.canWrite(d.pixelType(), d.axes())) {
                throw new IOException(target.file() + ": " + format.id() + " cannot hold " + d.pixelType().numpyName()
                        + " images with axes '" + d.axes() + "'; use hdf5");
            }
            long n = d.elementCount();
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException(target.file() + ": " + n + " values are too many for " + format.id() + " output; use hdf5");
            }
            descriptor = d;
            array = BlockArrays.allocate(d.pixelType(), (int) n);
        }

        @Override
        public synchronized void write(long[] offset, long[] count, Object block) {
            BlockArrays.copyInto(block, count, array, offset, descriptor.shape());
        }

        @Override
        public void commit() throws IOException {
            format.write(NdImages.wrap(descriptor, array), target);
            array = null;
        }

        @Override
        public void abort() {
            array = null;
        }
    }
}
