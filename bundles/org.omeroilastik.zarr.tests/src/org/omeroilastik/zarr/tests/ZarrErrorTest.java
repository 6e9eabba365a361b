package org.omeroilastik.zarr.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
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
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.testing.Services;
import org.omeroilastik.zarr.ZarrArray;
import org.omeroilastik.zarr.ZarrArrayMetadata;
import org.omeroilastik.zarr.ZarrCompressor;
import org.omeroilastik.zarr.ZarrDataType;
import org.omeroilastik.zarr.ZarrException;
import org.omeroilastik.zarr.ZarrStore;

/** Broken stores give one clear error naming the folder, the array and the key at fault. */
class ZarrErrorTest {
    private final ImageFormat format = Services.get(ImageFormats.class).byId("ome-zarr").orElseThrow();

    @TempDir
    Path dir;
    Path image;

    @BeforeEach
    void writeImage() throws Exception {
        image = dir.resolve("img.ome.zarr");
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("zyx"), new long[] {2, 600, 700}, PixelType.UINT16);
        format.write(NdImages.wrap(d, Formula.array(PixelType.UINT16, 2 * 600 * 700)), ImageTarget.of(image));
    }

    private String readError() {
        ImageIoException e = assertThrows(ImageIoException.class, () -> format.read(ImageSource.of(image)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(Arguments.of("garbage", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}),
                Arguments.of("empty", new byte[0]), Arguments.of("truncated", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptChunkNamesArrayAndKey(String what, byte[] bytes) throws Exception {
        Path chunk = image.resolve("0/1/1/0");
        byte[] replacement = bytes != null ? bytes : java.util.Arrays.copyOf(Files.readAllBytes(chunk), Files.readAllBytes(chunk).length / 2);
        Files.write(chunk, replacement);
        String m = readError();
        assertTrue(m.startsWith(image + ": array 0: corrupt chunk 0/1/1/0 (blosc(lz4"), m);
        // A region away from the broken chunk still reads.
        format.readRegion(ImageSource.of(image), new long[] {0, 0, 0}, new long[] {1, 10, 10});
    }

    @Test
    void corruptChunkOfEveryCompressor() throws Exception {
        for (ZarrCompressor c : List.of(ZarrCompressor.gzip(5), ZarrCompressor.zlib(5), ZarrCompressor.zstd(3), ZarrCompressor.blosc("zstd", 5, 2),
                ZarrCompressor.blosc("zlib", 5, 0), ZarrCompressor.NONE)) {
            ZarrStore store = ZarrStore.directory(dir.resolve("arr-" + c.id() + c.cname()));
            ZarrArray a = ZarrArray.create(store, "data", new ZarrArrayMetadata(new long[] {40, 50}, new int[] {20, 20}, ZarrDataType.parse("<f4"),
                    Double.NaN, c, "."));
            a.write(new long[] {0, 0}, new long[] {40, 50}, Formula.array(PixelType.FLOAT32, 2000));
            store.put("data/1.2", "not a chunk at all".getBytes());
            ZarrException e = assertThrows(ZarrException.class, () -> ZarrArray.open(store, "data").read());
            assertTrue(e.getMessage().startsWith(store.location() + ": array data: corrupt chunk data/1.2 ("), c + ": " + e.getMessage());
        }
    }

    @Test
    void missingZarrayNamesTheKey() throws Exception {
        Files.delete(image.resolve("0/.zarray"));
        assertEquals(image + ": array 0: no .zarray (key 0/.zarray)", readError());
    }

    @Test
    void missingMultiscalesNamesTheKey() throws Exception {
        Files.writeString(image.resolve(".zattrs"), "{\"something\": 1}");
        assertEquals(image + ": group /: key .zattrs: no OME-NGFF \"multiscales\" list", readError());
        Files.delete(image.resolve(".zattrs"));
        assertEquals(image + ": group /: no .zattrs (key .zattrs), so no OME-NGFF multiscales image", readError());
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void unsupportedMetadataNamesArrayKeyAndWhat(String from, String to, String message) throws Exception {
        Path zarray = image.resolve("0/.zarray");
        String json = Files.readString(zarray);
        assertTrue(json.contains(from), json);
        Files.writeString(zarray, json.replace(from, to));
        assertEquals(image + ": array 0: key 0/.zarray: " + message, readError());
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(Arguments.of("\"id\": \"blosc\"", "\"id\": \"blosc2\"", "unsupported compressor 'blosc2' (supported: null, blosc, gzip, zlib, zstd)"),
                Arguments.of("\"id\": \"blosc\"", "\"id\": \"bz2\"", "unsupported compressor 'bz2' (supported: null, blosc, gzip, zlib, zstd)"),
                Arguments.of("\"cname\": \"lz4\"", "\"cname\": \"snappy\"", "unsupported Blosc codec 'snappy' (supported: blosclz, lz4, lz4hc, zlib, zstd)"),
                Arguments.of("\"filters\": null", "\"filters\": [{\"id\": \"delta\", \"dtype\": \"<u2\"}]",
                        "filters [{\"id\":\"delta\",\"dtype\":\"<u2\"}] are not supported (only null)"),
                Arguments.of("\"order\": \"C\"", "\"order\": \"F\"", "order \"F\" is not supported (only C)"),
                Arguments.of("\"dtype\": \"<u2\"", "\"dtype\": \"<c8\"", "unsupported dtype \"<c8\" (supported: u1, u2, u4, u8, i1, i2, i4, i8, f4, f8, b1 "
                        + "with byte order <, > or |)"),
                Arguments.of("\"zarr_format\": 2", "\"zarr_format\": 3", "zarr_format is 3, not 2 (only Zarr v2 is read)"));
    }

    @Test
    void notAFolder() throws Exception {
        Path file = dir.resolve("file.zarr");
        Files.writeString(file, "x");
        ImageIoException e = assertThrows(ImageIoException.class, () -> format.describe(ImageSource.of(file)));
        assertEquals(file + ": not a folder; an OME-Zarr is a folder", e.getMessage());
        e = assertThrows(ImageIoException.class, () -> format.describe(ImageSource.of(dir.resolve("none.zarr"))));
        assertEquals(dir.resolve("none.zarr") + ": no such OME-Zarr folder", e.getMessage());
    }
}
