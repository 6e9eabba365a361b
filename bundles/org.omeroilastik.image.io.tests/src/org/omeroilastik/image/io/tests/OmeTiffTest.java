package org.omeroilastik.image.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.image.io.OmeTiff;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.testing.Python;
import org.omeroilastik.testing.Services;

/**
 * OME-TIFF: files written by tifffile (an independent writer) in every DimensionOrder and files built
 * page by page with javax.imageio and hand-written OME-XML. Every pixel encodes its own (t, z, c, y,
 * x), so expected values come from that formula, never from our reader.
 */
class OmeTiffTest {
    private static final int T = 2, Z = 3, C = 2, Y = 5, X = 7;
    private static final String MICROMETRE = "\u00b5m";

    /** tifffile writes the axes slowest first; OME's DimensionOrder lists them fastest first. */
    private static final String TIFFFILE_WRITER = """
            import sys, numpy as np, tifffile
            path, order = sys.argv[1], sys.argv[2]
            T, Z, C, Y, X = 2, 3, 2, 5, 7
            t, z, c, y, x = np.meshgrid(range(T), range(Z), range(C), range(Y), range(X), indexing='ij')
            a = (t * 10000 + z * 1000 + c * 100 + y * 10 + x).astype(np.uint16)
            axes = ''.join(reversed(order[2:]))
            data = np.transpose(a, ['TZCYX'.index(k) for k in axes + 'YX'])
            tifffile.imwrite(path, data, ome=True, photometric='minisblack', metadata={'axes': axes + 'YX',
                'PhysicalSizeX': 0.25, 'PhysicalSizeY': 0.5, 'PhysicalSizeZ': 2.0, 'PhysicalSizeZUnit': 'nm'})
            print(tifffile.TiffFile(path).pages[0].description.split('DimensionOrder="')[1][:5])
            """;

    private final ImageFormats formats = Services.get(ImageFormats.class);
    private final ImageFormat tiff = formats.byId("tiff").orElseThrow();

    @TempDir
    Path dir;

    static int value(int t, int z, int c, int y, int x) {
        return t * 10000 + z * 1000 + c * 100 + y * 10 + x;
    }

    private Path tifffile(String order) throws Exception {
        Path file = dir.resolve(order + ".ome.tif");
        assertEquals(order, Python.run(TIFFFILE_WRITER, file.toString(), order).strip(), "tifffile wrote another DimensionOrder");
        return file;
    }

    /** Every pixel of a t, z, y, x, c image of the test's shape equals {@link #value}. */
    private static void assertEncoded(NdImage image) {
        assertEquals("tzyxc", image.descriptor().axes().keys());
        assertArrayEquals(new long[] {T, Z, Y, X, C}, image.descriptor().shape());
        assertEquals(PixelType.UINT16, image.descriptor().pixelType());
        short[] a = (short[]) NdImages.toArray(image);
        int i = 0;
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                for (int y = 0; y < Y; y++) {
                    for (int x = 0; x < X; x++) {
                        for (int c = 0; c < C; c++) {
                            int v = a[i++] & 0xFFFF;
                            if (v != value(t, z, c, y, x)) {
                                throw new AssertionError("t=" + t + " z=" + z + " c=" + c + " y=" + y + " x=" + x + ": " + v);
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZCT", "XYZTC", "XYCTZ", "XYCZT", "XYTCZ", "XYTZC"})
    void readsEveryDimensionOrderTifffileWrites(String order) throws Exception {
        Path file = tifffile(order);
        NdImage image = formats.read(ImageSource.of(file));
        assertEncoded(image);
        assertEquals(image.descriptor(), tiff.describe(ImageSource.of(file)), "describe reads the same from headers");
        // X and Y without a unit are in OME's default, micrometres.
        assertEquals(Map.of(Axis.X, new PhysicalSize(0.25, MICROMETRE), Axis.Y, new PhysicalSize(0.5, MICROMETRE),
                Axis.Z, new PhysicalSize(2.0, "nm")), image.descriptor().physicalSizes());
        assertTrue(OmeTiff.isOmeTiff(file));
    }

    @Test
    void readsPerPlaneTiffDataInShuffledPagesAfterARename() throws Exception {
        List<int[]> planes = allPlanes();
        Collections.shuffle(planes, new Random(3));
        StringBuilder tiffData = new StringBuilder();
        List<short[]> pages = new ArrayList<>();
        for (int ifd = 0; ifd < planes.size(); ifd++) {
            int[] p = planes.get(ifd);
            pages.add(plane(p[0], p[1], p[2]));
            // FileName is the name the writer gave; the file is now called otherwise, the UUID still matches.
            tiffData.append("<TiffData IFD=\"").append(ifd).append("\" FirstT=\"").append(p[0]).append("\" FirstZ=\"").append(p[1])
                    .append("\" FirstC=\"").append(p[2]).append("\" PlaneCount=\"1\"><UUID FileName=\"original.ome.tif\">urn:uuid:1111</UUID></TiffData>");
        }
        // An older schema version and a prefixed namespace: the version does not matter.
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ome:OME xmlns:ome=\"http://www.openmicroscopy.org/Schemas/OME/2015-01\" "
                + "UUID=\"urn:uuid:1111\"><ome:Image ID=\"Image:0\"><ome:Pixels ID=\"Pixels:0\" DimensionOrder=\"XYZCT\" Type=\"uint16\" "
                + "SizeX=\"7\" SizeY=\"5\" SizeZ=\"3\" SizeC=\"2\" SizeT=\"2\" PhysicalSizeX=\"0.1\" PhysicalSizeXUnit=\"nm\" "
                + "PhysicalSizeY=\"0.2\" PhysicalSizeYUnit=\"nm\"><ome:Channel ID=\"Channel:0:0\"/><ome:Channel ID=\"Channel:0:1\"/>"
                + tiffData.toString().replace("<TiffData", "<ome:TiffData").replace("</TiffData", "</ome:TiffData").replace("<UUID", "<ome:UUID")
                        .replace("</UUID", "</ome:UUID")
                + "</ome:Pixels></ome:Image></ome:OME>";
        Path file = dir.resolve("renamed.ome.tif");
        writePages(file, xml, pages, List.of());
        NdImage image = formats.read(ImageSource.of(file));
        assertEncoded(image);
        assertEquals(Map.of(Axis.X, new PhysicalSize(0.1, "nm"), Axis.Y, new PhysicalSize(0.2, "nm")), image.descriptor().physicalSizes());
        // Without a root UUID, one FileName used throughout is this file under its former name.
        Path noUuid = dir.resolve("renamed-no-uuid.ome.tif");
        writePages(noUuid, xml.replace(" UUID=\"urn:uuid:1111\"", ""), pages, List.of());
        assertEncoded(formats.read(ImageSource.of(noUuid)));
    }

    @Test
    void readRegionEqualsTheCropOfAFullRead() throws Exception {
        Path file = tifffile("XYTZC");
        ImageSource source = ImageSource.of(file);
        assertTrue(tiff.readsRegionsEfficiently());
        NdImage whole = tiff.read(source);
        long[][][] boxes = {
            {{1, 2, 0, 0, 1}, {1, 1, 5, 7, 1}},
            {{0, 1, 1, 2, 0}, {2, 2, 3, 4, 2}},
            {{1, 0, 4, 6, 0}, {1, 3, 1, 1, 2}},
            {{0, 0, 2, 3, 1}, {2, 3, 2, 1, 1}},
            {{0, 0, 0, 0, 0}, {2, 3, 5, 7, 2}},
        };
        for (long[][] box : boxes) {
            NdImage region = tiff.readRegion(source, box[0], box[1]);
            NdImage crop = NdImages.crop(whole, box[0], box[1]);
            assertEquals(crop.descriptor(), region.descriptor());
            assertArrayEquals((short[]) NdImages.toArray(crop), (short[]) NdImages.toArray(region), java.util.Arrays.toString(box[0]));
            // And against the encoding itself: the first and last sample of the box.
            short[] r = (short[]) NdImages.toArray(region);
            long[] o = box[0], n = box[1];
            assertEquals(value((int) o[0], (int) o[1], (int) o[4], (int) o[2], (int) o[3]), r[0] & 0xFFFF);
            assertEquals(value((int) (o[0] + n[0] - 1), (int) (o[1] + n[1] - 1), (int) (o[4] + n[4] - 1), (int) (o[2] + n[2] - 1),
                    (int) (o[3] + n[3] - 1)), r[r.length - 1] & 0xFFFF);
        }
        ImageIoException outside = assertThrows(ImageIoException.class,
                () -> tiff.readRegion(source, new long[] {0, 0, 0, 0, 0}, new long[] {1, 1, 6, 1, 1}));
        assertTrue(outside.getMessage().contains(file.getFileName().toString()) && outside.getMessage().contains("outside"), outside.getMessage());
    }

    @Test
    void readRegionDecodesOnlyThePagesOfItsBox() throws Exception {
        // Twelve pages in XYCZT order (no TiffData); the last (c=1, z=2, t=1) is 3x3, so any read of it fails.
        List<short[]> pages = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                for (int c = 0; c < C; c++) {
                    pages.add(plane(t, z, c));
                }
            }
        }
        String xml = "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" "
                + "DimensionOrder=\"XYCZT\" Type=\"uint16\" SizeX=\"7\" SizeY=\"5\" SizeZ=\"3\" SizeC=\"2\" SizeT=\"2\"/></Image></OME>";
        Path file = dir.resolve("odd-last-page.ome.tif");
        writePages(file, xml, pages, List.of(11));
        ImageSource source = ImageSource.of(file);
        NdImage first = tiff.readRegion(source, new long[] {0, 0, 1, 2, 0}, new long[] {1, 3, 3, 4, 2});
        short[] a = (short[]) NdImages.toArray(first);
        assertEquals(value(0, 0, 0, 1, 2), a[0] & 0xFFFF);
        assertEquals(value(0, 2, 1, 3, 5), a[a.length - 1] & 0xFFFF);
        NdImage channel0 = tiff.readRegion(source, new long[] {1, 2, 0, 0, 0}, new long[] {1, 1, 5, 7, 1});
        assertEquals(value(1, 2, 0, 4, 6), ((short[]) NdImages.toArray(channel0))[Y * X - 1] & 0xFFFF);
        ImageIoException all = assertThrows(ImageIoException.class, () -> tiff.read(source));
        assertTrue(all.getMessage().contains("odd-last-page.ome.tif") && all.getMessage().contains("page 11"), all.getMessage());
    }

    @Test
    void malformedOmeXmlIsOneErrorNamingTheFile() throws Exception {
        Path broken = dir.resolve("broken.ome.tif");
        writePages(broken, "<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\">"
                + "<Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"uint16\" SizeX=\"7\"", List.of(plane(0, 0, 0)), List.of());
        for (var read : List.<org.junit.jupiter.api.function.Executable>of(() -> tiff.read(ImageSource.of(broken)),
                () -> tiff.describe(ImageSource.of(broken)), () -> formats.read(ImageSource.of(broken)))) {
            ImageIoException e = assertThrows(ImageIoException.class, read);
            assertTrue(e.getMessage().startsWith(broken + ": malformed OME-XML"), e.getMessage());
        }
        Path badOrder = dir.resolve("bad-order.ome.tif");
        writePages(badOrder, "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" "
                + "DimensionOrder=\"XYQZT\" Type=\"uint16\" SizeX=\"7\" SizeY=\"5\" SizeZ=\"1\" SizeC=\"1\" SizeT=\"1\"/></Image></OME>",
                List.of(plane(0, 0, 0)), List.of());
        ImageIoException e = assertThrows(ImageIoException.class, () -> tiff.read(ImageSource.of(badOrder)));
        assertTrue(e.getMessage().startsWith(badOrder + ": malformed OME-XML") && e.getMessage().contains("XYQZT"), e.getMessage());
        // An external entity is never resolved: the DOCTYPE alone makes the description malformed.
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        Path xxe = dir.resolve("xxe.ome.tif");
        writePages(xxe, "<?xml version=\"1.0\"?><!DOCTYPE OME [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>"
                + "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image ID=\"Image:0\" Name=\"&s;\"/></OME>",
                List.of(plane(0, 0, 0)), List.of());
        e = assertThrows(ImageIoException.class, () -> tiff.read(ImageSource.of(xxe)));
        assertTrue(e.getMessage().startsWith(xxe + ": malformed OME-XML") && !e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void refusesMultiFileOmeTiffNamingBothFiles() throws Exception {
        List<int[]> planes = allPlanes();
        StringBuilder xml = new StringBuilder("<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\" UUID=\"urn:uuid:aaaa\">"
                + "<Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"uint16\" SizeX=\"7\" SizeY=\"5\" SizeZ=\"3\" "
                + "SizeC=\"2\" SizeT=\"2\">");
        List<short[]> pages = new ArrayList<>();
        for (int i = 0; i < planes.size(); i++) {
            int[] p = planes.get(i);
            boolean here = p[0] == 0; // t=1 lives in the second file
            xml.append("<TiffData IFD=\"").append(here ? pages.size() : i - pages.size()).append("\" FirstT=\"").append(p[0])
                    .append("\" FirstZ=\"").append(p[1]).append("\" FirstC=\"").append(p[2]).append("\" PlaneCount=\"1\"><UUID FileName=\"")
                    .append(here ? "multi_t0.ome.tif\">urn:uuid:aaaa" : "multi_t1.ome.tif\">urn:uuid:bbbb").append("</UUID></TiffData>");
            if (here) {
                pages.add(plane(p[0], p[1], p[2]));
            }
        }
        xml.append("</Pixels></Image></OME>");
        Path file = dir.resolve("multi_t0.ome.tif");
        writePages(file, xml.toString(), pages, List.of());
        ImageIoException e = assertThrows(ImageIoException.class, () -> tiff.describe(ImageSource.of(file)));
        assertTrue(e.getMessage().startsWith(file + ": multi-file OME-TIFF") && e.getMessage().contains("multi_t1.ome.tif"), e.getMessage());
        // Without a root UUID, two file names are two files.
        writePages(file, xml.toString().replace(" UUID=\"urn:uuid:aaaa\"", ""), pages, List.of());
        e = assertThrows(ImageIoException.class, () -> tiff.read(ImageSource.of(file)));
        assertTrue(e.getMessage().startsWith(file + ": multi-file OME-TIFF") && e.getMessage().contains("multi_t1.ome.tif"), e.getMessage());
    }

    @Test
    void writesOmeTiffThatTifffileAndWeReadBack() throws Exception {
        short[] pixels = new short[T * Z * Y * X * C];
        int i = 0;
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                for (int y = 0; y < Y; y++) {
                    for (int x = 0; x < X; x++) {
                        for (int c = 0; c < C; c++) {
                            pixels[i++] = (short) value(t, z, c, y, x);
                        }
                    }
                }
            }
        }
        Map<Axis, PhysicalSize> sizes = Map.of(Axis.X, new PhysicalSize(0.25, MICROMETRE), Axis.Y, new PhysicalSize(0.5, MICROMETRE),
                Axis.Z, new PhysicalSize(2.0, "nm"));
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("tzyxc"), new long[] {T, Z, Y, X, C}, PixelType.UINT16, sizes);
        Path file = dir.resolve("written.ome.tif");
        tiff.write(NdImages.wrap(d, pixels), ImageTarget.of(file));
        NdImage back = tiff.read(ImageSource.of(file));
        assertEquals(d, back.descriptor());
        assertEncoded(back);
        assertTrue(OmeTiff.isOmeTiff(file));
        // tifffile maps planes to pages through our OME-XML as Bio-Formats would; PIL decodes those pages
        // (Debian's tifffile lacks the LZW codec).
        String seen = Python.run("""
                import sys, tifffile
                from PIL import Image
                with tifffile.TiffFile(sys.argv[1]) as f:
                    s = f.series[0]
                    px = tifffile.xml2dict(f.ome_metadata)['OME']['Image']['Pixels']
                    pages = [p.index for p in s.pages]
                    print(f.is_ome, f.is_imagej, s.axes, s.shape, s.dtype, px['DimensionOrder'], px['PhysicalSizeX'],
                          ascii(px.get('PhysicalSizeXUnit', 'default')), px['PhysicalSizeZ'], px['PhysicalSizeZUnit'], px['TiffData']['PlaneCount'])
                im = Image.open(sys.argv[1])
                for t, z, c, y, x in [(1, 2, 1, 4, 6), (0, 1, 0, 3, 2), (1, 0, 1, 0, 5)]:
                    im.seek(pages[(t * 3 + z) * 2 + c])
                    print(im.getpixel((x, y)))
                """, file.toString());
        assertEquals("True False TZCYX (2, 3, 2, 5, 7) uint16 XYCZT 0.25 '\\xb5m' 2.0 nm 12\n" + value(1, 2, 1, 4, 6) + "\n"
                + value(0, 1, 0, 3, 2) + "\n" + value(1, 0, 1, 0, 5), seen.strip());

        // A plain .tif of the same image keeps the ImageJ description and reads back alike (without sizes).
        Path plain = dir.resolve("written.tif");
        tiff.write(NdImages.wrap(d, pixels), ImageTarget.of(plain));
        assertFalse(OmeTiff.isOmeTiff(plain));
        NdImage plainBack = tiff.read(ImageSource.of(plain));
        assertEncoded(plainBack);
        assertEquals(Map.of(), plainBack.descriptor().physicalSizes());
        assertEquals("True", Python.run("import sys, tifffile; print(tifffile.TiffFile(sys.argv[1]).is_imagej)", plain.toString()).strip());
    }

    @Test
    void omeTiffOfFewerAxesReadsLikeTheImageJTiff() throws Exception {
        for (String axes : List.of("yx", "yxc", "zyx", "tyx", "cyx")) {
            AxisOrder order = AxisOrder.of(axes);
            long[] shape = new long[order.size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = switch (order.get(k)) {
                    case T -> 2;
                    case Z -> 3;
                    case Y -> 13;
                    case X -> 11;
                    case C -> 3;
                };
            }
            NdImage image = RoundTripTest.random(new ImageDescriptor(order, shape, PixelType.FLOAT32), 5);
            Path ome = dir.resolve(axes + ".ome.tiff");
            Path plain = dir.resolve(axes + ".tif");
            tiff.write(image, ImageTarget.of(ome));
            tiff.write(image, ImageTarget.of(plain));
            NdImage a = tiff.read(ImageSource.of(ome));
            NdImage b = tiff.read(ImageSource.of(plain));
            assertEquals(b.descriptor(), a.descriptor(), axes);
            assertArrayEquals((float[]) NdImages.toArray(b), (float[]) NdImages.toArray(a), axes);
        }
    }

    private static List<int[]> allPlanes() {
        List<int[]> planes = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                for (int c = 0; c < C; c++) {
                    planes.add(new int[] {t, z, c});
                }
            }
        }
        return planes;
    }

    private static short[] plane(int t, int z, int c) {
        short[] p = new short[Y * X];
        for (int y = 0; y < Y; y++) {
            for (int x = 0; x < X; x++) {
                p[y * X + x] = (short) value(t, z, c, y, x);
            }
        }
        return p;
    }

    /**
     * An uncompressed 16-bit grey TIFF from javax.imageio directly: one page per array, page 0 with
     * {@code description} (ASCII); pages listed in {@code tiny} are 3x3 instead.
     */
    static void writePages(Path file, String description, List<short[]> pages, List<Integer> tiny) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(null);
            for (int p = 0; p < pages.size(); p++) {
                boolean small = tiny.contains(p);
                BufferedImage img = new BufferedImage(small ? 3 : X, small ? 3 : Y, BufferedImage.TYPE_USHORT_GRAY);
                if (!small) {
                    img.getRaster().setDataElements(0, 0, X, Y, pages.get(p));
                }
                IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
                if (p == 0) {
                    TIFFDirectory dirMeta = TIFFDirectory.createFromMetadata(meta);
                    TIFFTag tag = BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION);
                    dirMeta.addTIFFField(new TIFFField(tag, TIFFTag.TIFF_ASCII, 1, new String[] {description}));
                    meta = dirMeta.getAsMetadata();
                }
                writer.writeToSequence(new IIOImage(img, null, meta), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }
}
