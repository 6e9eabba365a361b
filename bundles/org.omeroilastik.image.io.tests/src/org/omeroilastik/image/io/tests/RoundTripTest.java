package org.omeroilastik.image.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;

import net.imglib2.Cursor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

/** Every format writes what it reads back, for every pixel type and axis order it accepts. */
class RoundTripTest {
    private static final List<String> AXES = List.of("yx", "yxc", "zyx", "zyxc", "tzyxc", "tyx", "cyx", "xyzct", "txyzc");

    private final ImageFormats formats = Services.get(ImageFormats.class);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String format : List.of("hdf5", "npy", "tiff", "png")) {
            for (PixelType type : PixelType.values()) {
                if (type == PixelType.BOOL) {
                    continue;
                }
                for (String axes : AXES) {
                    out.add(Arguments.of(format, type, axes));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void roundTrips(String formatId, PixelType type, String axesKeys) throws Exception {
        ImageFormat format = formats.byId(formatId).orElseThrow();
        AxisOrder axes = AxisOrder.of(axesKeys);
        long[] shape = new long[axes.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = switch (axes.get(i)) {
                case T -> 2;
                case Z -> 3;
                case Y -> 13;
                case X -> 11;
                case C -> 3;
            };
        }
        NdImage image = random(new ImageDescriptor(axes, shape, type), 42 + type.ordinal());
        Path file = dir.resolve("img" + format.extensions().get(0));
        if (!format.canWrite(type, axes)) {
            ImageIoException e = assertThrows(ImageIoException.class, () -> format.write(image, ImageTarget.of(file)));
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
            return;
        }
        format.write(image, ImageTarget.of(file));
        ImageSource source = ImageSource.of(file);
        if (formatId.equals("npy")) {
            source = source.withAxes(axes);
        }
        NdImage back = format.read(source);
        if (formatId.equals("hdf5") || formatId.equals("npy")) {
            assertEquals(image.descriptor(), back.descriptor());
            assertArrayEquals(values(image), values(back));
        } else {
            // TIFF and PNG store planes: they come back in their own canonical order (t z y x c).
            assertEquals(type, back.descriptor().pixelType());
            assertEquals(image.descriptor().elementCount(), back.descriptor().elementCount());
            double[] a = values(image);
            double[] b = values(back);
            double sa = 0, sb = 0;
            for (int i = 0; i < a.length; i++) {
                sa += a[i];
                sb += b[i];
            }
            assertEquals(sa, sb, Math.abs(sa) * 1e-6);
        }
    }

    @Test
    void hdf5OutputFollowsIlastikConventionsAsH5pySeesThem() throws Exception {
        ImageFormat hdf5 = formats.byId("hdf5").orElseThrow();
        NdImage image = random(new ImageDescriptor(AxisOrder.of("tzyxc"), new long[] {2, 5, 40, 30, 2}, PixelType.FLOAT32), 7);
        Path file = dir.resolve("probs.h5");
        hdf5.write(image, ImageTarget.of(file));
        String out = Python.run("""
                import sys, json, h5py, numpy as np
                f = h5py.File(sys.argv[1], 'r')
                d = f['exported_data']
                tags = json.loads(d.attrs['axistags'])
                print(d.dtype, d.shape, ''.join(a['key'] for a in tags['axes']), [a['typeFlags'] for a in tags['axes']],
                      d.compression, d.chunks is not None, '%.6f' % float(d[()].astype(np.float64).sum()))
                """, file.toString());
        double sum = 0;
        for (double v : values(image)) {
            sum += (float) v;
        }
        assertEquals(String.format(java.util.Locale.ROOT, "float32 (2, 5, 40, 30, 2) tzyxc [8, 2, 2, 2, 1] gzip True %.6f", sum), out.strip());
    }

    @Test
    void npyOutputIsWhatNumpyReads() throws Exception {
        ImageFormat npy = formats.byId("npy").orElseThrow();
        NdImage image = random(new ImageDescriptor(AxisOrder.of("zyxc"), new long[] {3, 4, 5, 2}, PixelType.UINT16), 3);
        Path file = dir.resolve("a.npy");
        npy.write(image, ImageTarget.of(file));
        String out = Python.run("import sys, numpy as np; a = np.load(sys.argv[1]); print(a.dtype, a.shape, int(a.sum()), int(a[2, 3, 4, 1]))",
                file.toString());
        double[] v = values(image);
        long sum = 0;
        for (double x : v) {
            sum += (long) x;
        }
        assertEquals("uint16 (3, 4, 5, 2) " + sum + " " + (long) v[v.length - 1], out.strip());
        assertFalse(java.nio.file.Files.exists(file.resolveSibling("a.npy.part")));
    }

    static NdImage random(ImageDescriptor d, long seed) {
        long[] dims = new long[d.shape().length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = d.shape()[dims.length - 1 - i];
        }
        ArrayImg<?, ?> img = create(d.pixelType(), dims);
        Random r = new Random(seed);
        Cursor<?> c = img.cursor();
        while (c.hasNext()) {
            RealType<?> t = (RealType<?>) c.next();
            double v = switch (d.pixelType()) {
                case FLOAT32, FLOAT64 -> r.nextGaussian() * 100;
                case INT8 -> r.nextInt(256) - 128;
                case UINT8 -> r.nextInt(256);
                case INT16 -> r.nextInt(65536) - 32768;
                case UINT16 -> r.nextInt(65536);
                default -> r.nextInt(1 << 20) - (d.pixelType().isSigned() ? 1 << 19 : 0);
            };
            t.setReal(v);
        }
        return new NdImage(d, img);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ArrayImg<?, ?> create(PixelType type, long[] dims) {
        NativeType<?> t = switch (type) {
            case UINT8, BOOL -> new net.imglib2.type.numeric.integer.UnsignedByteType();
            case INT8 -> new net.imglib2.type.numeric.integer.ByteType();
            case UINT16 -> new net.imglib2.type.numeric.integer.UnsignedShortType();
            case INT16 -> new net.imglib2.type.numeric.integer.ShortType();
            case UINT32 -> new net.imglib2.type.numeric.integer.UnsignedIntType();
            case INT32 -> new net.imglib2.type.numeric.integer.IntType();
            case UINT64 -> new net.imglib2.type.numeric.integer.UnsignedLongType();
            case INT64 -> new net.imglib2.type.numeric.integer.LongType();
            case FLOAT32 -> new net.imglib2.type.numeric.real.FloatType();
            case FLOAT64 -> new net.imglib2.type.numeric.real.DoubleType();
        };
        return (ArrayImg<?, ?>) new ArrayImgFactory(t).create(dims);
    }

    static double[] values(NdImage image) {
        List<Double> out = new ArrayList<>();
        Cursor<?> c = net.imglib2.view.Views.flatIterable(image.pixels()).cursor();
        while (c.hasNext()) {
            out.add(((RealType<?>) c.next()).getRealDouble());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
