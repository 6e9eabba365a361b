package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Python;

/** Damaged projects are refused with one clear error each, and no output file is left behind. */
class RunBadProjectsTest {

    @TempDir
    Path dir;

    /** A copy of the api-2d-1ch project with {@code edit} (Python on an h5py File {@code f}) applied. */
    private Path damaged(String edit) throws Exception {
        Path ilp = dir.resolve("damaged.ilp");
        Files.copy(Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"), ilp);
        Python.run("import sys, h5py, numpy as np\nf = h5py.File(sys.argv[1], 'r+')\n" + edit + "\nf.close()\n", ilp.toString());
        return ilp;
    }

    private void assertRefused(Path ilp, String... fragments) throws Exception {
        Path png = dir.resolve("Data_1channel.png");
        if (!Files.exists(png)) {
            Files.copy(Conformance.file("pixel/api-2d-1ch/Data_1channel.png"), png);
        }
        CliRunner r = CliRunner.run("run", "--project", ilp.toString(), png.toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), r.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains("Probabilities")).count(), "output left behind");
        }
    }

    @Test
    void featureCountThatDoesNotMatchTheForest() throws Exception {
        Path ilp = damaged("m = f['FeatureSelections/SelectionMatrix'][()]\nm[0, 1] = not m[0, 1]\n"
                + "del f['FeatureSelections/SelectionMatrix']\nf['FeatureSelections/SelectionMatrix'] = m");
        assertRefused(ilp, "damaged.ilp", "feature channels but the stored forests were trained on 25");
    }

    @Test
    void unsupportedFeatureId() throws Exception {
        Path ilp = damaged("ids = [x for x in f['FeatureSelections/FeatureIds'][()]]\nids[0] = b'FancyFilter'\n"
                + "del f['FeatureSelections/FeatureIds']\nf['FeatureSelections/FeatureIds'] = np.array(ids)");
        assertRefused(ilp, "damaged.ilp", "unsupported pixel feature 'FancyFilter'");
    }

    @Test
    void missingForests() throws Exception {
        Path ilp = damaged("del f['PixelClassification/ClassifierForests']");
        assertRefused(ilp, "damaged.ilp", "no trained classifier");
    }
}
