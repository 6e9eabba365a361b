package org.omeroilastik.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.omeroilastik.testing.Conformance;

/** Every dataset and attribute of every .ilp and .h5 in the conformance corpus reads without error. */
class Hdf5CorpusTest {

    private int datasets;
    private int attributes;
    private final List<String> failures = new ArrayList<>();

    @Test
    void readsEveryDatasetAndAttributeOfTheCorpus() throws Exception {
        List<Path> files = Conformance.files(".ilp", ".h5");
        assertEquals(56, files.size(), "corpus files");
        for (Path file : files) {
            try (Hdf5File f = Hdf5File.open(file)) {
                walk(f, "/");
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
        // Counts as h5py's visititems reports them for the same files.
        assertEquals(26080, datasets, "datasets");
        assertEquals(814, attributes, "attributes");
    }

    private void walk(Hdf5File f, String group) throws Hdf5Exception {
        readAttributes(f, group);
        for (String child : f.children(group)) {
            String p = group.equals("/") ? "/" + child : group + "/" + child;
            switch (f.kind(p)) {
                case GROUP -> walk(f, p);
                case DATASET -> {
                    try {
                        Hdf5Data d = f.read(p);
                        assertEquals(f.datasetInfo(p).elementCount(), d.size());
                        datasets++;
                    } catch (Hdf5Exception e) {
                        failures.add(e.getMessage());
                    }
                    readAttributes(f, p);
                }
                default -> failures.add(f.path() + ": " + p + " is neither group nor dataset");
            }
        }
    }

    private void readAttributes(Hdf5File f, String p) throws Hdf5Exception {
        for (String name : f.attributeNames(p)) {
            try {
                f.readAttribute(p, name);
                attributes++;
            } catch (Hdf5Exception e) {
                failures.add(e.getMessage());
            }
        }
    }

    @Test
    void decodesLzfChunksLikeH5py() throws Exception {
        Path ilp = Conformance.file("projects/TrackingwLearning5t2d1c_wBin.ilp");
        try (Hdf5File f = Hdf5File.open(ilp)) {
            String p = "/StructuredTracking/CachedOutput/0000/[[0, 0, 0, 0, 0], [1, 77, 33, 1, 1]]";
            assertEquals(List.of("lzf"), f.datasetInfo(p).filters());
            long[] v = f.read(p).asLongs();
            assertEquals(1 * 77 * 33, v.length);
            long sum = 0;
            long nonZero = 0;
            long max = 0;
            for (long x : v) {
                sum += x;
                nonZero += x != 0 ? 1 : 0;
                max = Math.max(max, x);
            }
            // Reference values from h5py (with its own LZF filter) on the same dataset.
            assertEquals(4367, sum);
            assertEquals(1527, nonZero);
            assertEquals(4, max);
            // A sub-region through the direct-chunk path equals the same region of the full read.
            long[] region = f.read(p, new long[] {0, 10, 5, 0, 0}, new long[] {1, 20, 7, 1, 1}).asLongs();
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 7; x++) {
                    assertEquals(v[(10 + y) * 33 + 5 + x], region[y * 7 + x]);
                }
            }
        }
    }

    @Test
    void readsIlastikStringsBooleansAndOpaqueValues() throws Exception {
        Path ilp = Conformance.file("pixel/apoptotic-2d/pixel_class_2d_cells_apoptotic.ilp");
        try (Hdf5File f = Hdf5File.open(ilp)) {
            assertEquals("Pixel Classification", f.read("workflowName").asString());
            assertEquals(List.of("foreground", "background"), f.read("PixelClassification/LabelNames").asStrings());
            Hdf5Data selection = f.read("FeatureSelections/SelectionMatrix");
            assertEquals(Hdf5Type.BOOLEAN, selection.type());
            int selected = 0;
            for (boolean b : selection.asBooleans()) {
                selected += b ? 1 : 0;
            }
            assertEquals(21, selected);
            assertEquals(Hdf5Type.TypeClass.OPAQUE, f.read("PixelClassification/Bookmarks/0000").type().typeClass());
            assertTrue(f.read("Input Data/infos/lane0000/Raw Data/axistags").asString().contains("\"key\": \"t\""));
        }
    }
}
