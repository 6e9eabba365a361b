package org.omeroilastik.repository.local.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.ResultWriter;
import org.omeroilastik.repository.ResultWriter.Owner;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

/** Write-back on the local repository: keyed outputs replace instead of duplicating. */
class ResultWriterTest {

    @TempDir
    Path dir;

    @Test
    void keyedOutputsReplaceAndCount() throws Exception {
        try (Repository repo = Services.get(Repositories.class).open("local:" + dir.resolve("repo"), true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            long image = repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "cells").id();
            ResultWriter w = repo.results();
            Roi square = new Roi("cells", List.of(new PolygonShape(0, 0, new int[] {0, 4, 4, 0}, new int[] {0, 0, 4, 4})));
            for (int run = 0; run < 2; run++) {
                // The same job twice: everything is replaced, nothing duplicated.
                w.putRois(image, "demo.ilp/rois", List.of(square, square, square));
                w.putTable(Owner.IMAGE, image, "demo.ilp/table", new Table(List.of("id", "area"), List.of(List.of(1, 16.0), List.of(2, 9.5))));
                w.putAnnotations(Owner.IMAGE, image, "demo.ilp/provenance", Map.of("project", "demo.ilp", "run", Integer.toString(run)));
                w.putAttachment(Owner.DATASET, dataset, "demo.ilp/project", Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
                ImageDescriptor d = new ImageDescriptor(AxisOrder.of("yxc"), new long[] {128, 128, 2}, PixelType.FLOAT32);
                ResultWriter.DerivedImage derived = w.derivedImage(image, "demo.ilp/probabilities", "cells probabilities", d);
                Services.get(ImageFormats.class).byId("hdf5").orElseThrow().write(NdImages.wrap(d, new float[128 * 128 * 2]), derived.target());
                long id = derived.commit();
                assertEquals(image + 1, id, "a rerun keeps the derived image's id");
            }
            assertEquals(new Counts(3, 1, 0, 1, 1), repo.browse().counts(image));
            assertEquals(new Counts(0, 0, 1, 0, 0), repo.browse().datasetCounts(dataset));
            assertEquals(1, repo.browse().images(dataset).size(), "derived images are not dataset children");
            assertEquals(List.of(), repo.browse().orphanedImages(), "nor orphans");
            NdImage probs = repo.rawData().read(image + 1, new long[] {0, 0, 0}, new long[] {8, 8, 2});
            assertEquals(PixelType.FLOAT32, probs.descriptor().pixelType());
            String table = Files.readString(findOne(dir.resolve("repo/results/image-" + image), "table.csv"));
            assertEquals("id,area\n1,16.0\n2,9.5\n", table);

            assertEquals(5, w.removeAll("demo.ilp/"));
            assertEquals(Counts.NONE, repo.browse().counts(image));
            assertEquals(Counts.NONE, repo.browse().datasetCounts(dataset));
        }
    }

    @Test
    void tablesReadBackWithTheirColumnsAndTypedValues() throws Exception {
        try (Repository repo = Services.get(Repositories.class).open("local:" + dir.resolve("repo"), true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            long image = repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "cells").id();
            assertEquals(List.of(), repo.browse().tables(image), "no table before a job wrote one");
            Table written = new Table(List.of("roi", "label", "area_px", "note"),
                    List.of(List.of(1, "cells", 16.5, "a, \"quoted\" note"), List.of(2, "cells", 9.0, "")));
            repo.results().putTable(Owner.IMAGE, image, "demo.ilp/table", written);
            repo.results().putTable(Owner.DATASET, dataset, "demo.ilp/table", written);
            List<Table> tables = repo.browse().tables(image);
            assertEquals(1, tables.size(), "the image's table only, not the dataset's");
            assertEquals(written.columns(), tables.get(0).columns());
            assertEquals(List.of(List.of(1L, "cells", 16.5, "a, \"quoted\" note"), List.of(2L, "cells", 9.0, "")), tables.get(0).rows());
        }
    }

    private static Path findOne(Path root, String name) throws Exception {
        try (var s = Files.walk(root)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals(name)).toList();
            assertTrue(found.size() == 1, found.toString());
            return found.get(0);
        }
    }

    /** Tables go out as CSV and as column-wise HDF5; h5py (an independent reader) sees the same values. */
    @Test
    void tablesAreWrittenAsCsvAndHdf5() throws Exception {
        try (Repository repo = Services.get(Repositories.class).open("local:" + dir.resolve("repo"), true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            Table t = new Table(List.of("roi", "label", "area_px", "centroid_x_\u00b5m"),
                    List.of(List.of(1, "cells", 16L, 0.25), List.of(2, "cells, round", 9L, 1.5e-3)));
            repo.results().putTable(Owner.DATASET, dataset, "demo.ilp/table", t);
            Path folder;
            try (var s = Files.list(dir.resolve("repo/results/dataset-" + dataset))) {
                folder = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
            }
            assertEquals("roi,label,area_px,centroid_x_\u00b5m\n1,cells,16,0.25\n2,\"cells, round\",9,0.0015\n",
                    Files.readString(folder.resolve("table.csv")));
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                    import sys, h5py
                    t = h5py.File(sys.argv[1], 'r')['table']
                    cols = [c.decode() if isinstance(c, bytes) else c for c in t.attrs['columns']]
                    print(cols)
                    for c in cols:
                        v = t[c][()]
                        print(c, v.dtype.kind, [x.decode() if isinstance(x, bytes) else x.item() for x in v])
                    """, folder.resolve("table.h5").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "h5py needs /usr/bin/python3 with python3-h5py: " + out);
            assertEquals("""
                    ['roi', 'label', 'area_px', 'centroid_x_\u00b5m']
                    roi i [1, 2]
                    label O ['cells', 'cells, round']
                    area_px i [16, 9]
                    centroid_x_\u00b5m f [0.25, 0.0015]
                    """, out);
        }
    }
}
