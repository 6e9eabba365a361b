package org.omeroilastik.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5WriteTest {

    @TempDir
    Path dir;

    @Test
    void writesChunkedGzipDatasetsBlockByBlockAndReadsThemBack() throws Exception {
        Path file = dir.resolve("blocks.h5");
        long[] shape = {3, 50, 40};
        try (Hdf5File f = Hdf5File.create(file)) {
            f.createDataset("a/b/exported_data", Hdf5Type.integer(2, false), shape, new long[] {1, 32, 32}, 4);
            for (int z = 0; z < 3; z++) {
                short[] plane = new short[50 * 40];
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = (short) (60000 + z * 100 + i % 97);
                }
                f.write("a/b/exported_data", new long[] {z, 0, 0}, Hdf5Data.of(new long[] {1, 50, 40}, plane, false));
            }
            f.writeAttribute("a/b/exported_data", "axistags", Hdf5Data.scalar("{\"axes\": []}"));
        }
        try (Hdf5File f = Hdf5File.open(file)) {
            DatasetInfo info = f.datasetInfo("/a/b/exported_data");
            assertArrayEquals(shape, info.shape());
            assertArrayEquals(new long[] {1, 32, 32}, info.chunkShape());
            assertEquals(List.of("deflate"), info.filters());
            long[] all = f.read("a/b/exported_data").asLongs();
            assertEquals(60000 + 200 + (5 * 40 + 7) % 97, all[2 * 2000 + 5 * 40 + 7]);
            assertEquals("{\"axes\": []}", f.stringAttribute("a/b/exported_data", "axistags").orElseThrow());
        }
    }

    @Test
    void roundTripsBooleansStringsAndScalars() throws Exception {
        Path file = dir.resolve("misc.h5");
        try (Hdf5File f = Hdf5File.create(file)) {
            f.writeDataset("flags", Hdf5Data.ofBooleans(new long[] {2, 2}, new boolean[] {true, false, false, true}), null, 0);
            f.writeDataset("names", Hdf5Data.strings(List.of("foreground", "background")), null, 0);
            f.writeDataset("version", Hdf5Data.scalar("1.4.1"), null, 0);
            f.writeDataset("scale", Hdf5Data.of(new long[0], new double[] {3.5}), null, 0);
        }
        try (Hdf5File f = Hdf5File.open(file)) {
            Hdf5Data flags = f.read("flags");
            assertEquals(Hdf5Type.BOOLEAN, flags.type());
            assertArrayEquals(new boolean[] {true, false, false, true}, flags.asBooleans());
            assertEquals(List.of("foreground", "background"), f.read("names").asStrings());
            assertEquals("1.4.1", f.read("version").asString());
            assertEquals(3.5, f.read("scale").asDouble());
        }
    }

    @Test
    void refusesMissingTruncatedAndForeignFilesWithTheirName() throws Exception {
        Path missing = dir.resolve("nope.h5");
        Hdf5Exception e1 = assertThrows(Hdf5Exception.class, () -> Hdf5File.open(missing));
        assertTrue(e1.getMessage().contains("nope.h5") && e1.getMessage().contains("no such file"), e1.getMessage());

        Path text = dir.resolve("text.ilp");
        Files.writeString(text, "not hdf5 at all");
        Hdf5Exception e2 = assertThrows(Hdf5Exception.class, () -> Hdf5File.open(text));
        assertTrue(e2.getMessage().contains("text.ilp") && e2.getMessage().contains("not an HDF5 file"), e2.getMessage());

        Path good = dir.resolve("good.h5");
        try (Hdf5File f = Hdf5File.create(good)) {
            f.writeDataset("x", Hdf5Data.of(new long[] {1000}, new double[1000]), new long[] {100}, 1);
        }
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Hdf5Exception e3 = assertThrows(Hdf5Exception.class, () -> {
            try (Hdf5File f = Hdf5File.open(truncated)) {
                f.read("x");
            }
        });
        assertTrue(e3.getMessage().contains("truncated.h5"), e3.getMessage());
    }
}
