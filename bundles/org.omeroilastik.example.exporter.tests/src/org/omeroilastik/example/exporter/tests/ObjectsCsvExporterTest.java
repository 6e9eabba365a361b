package org.omeroilastik.example.exporter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.export.Exporter;
import org.omeroilastik.export.ExporterRegistry;
import org.omeroilastik.export.ExportingListener;
import org.omeroilastik.export.ImageResult;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

/** The example exporter, reached as a third party would: through the extension point and the public API only. */
class ObjectsCsvExporterTest {
    static final String ID = "org.omeroilastik.example.exporter.objectsCsv";

    @TempDir
    Path dir;

    @Test
    void isContributedThroughTheExtensionPoint() {
        var descriptor = ExporterRegistry.find(ID).orElseThrow(() -> new AssertionError("not contributed: " + ExporterRegistry.all()));
        assertEquals("Object counts and areas (CSV)", descriptor.label());
        assertEquals("org.omeroilastik.example.exporter", descriptor.contributor());
    }

    @Test
    void writesAreasAndCentroidsOfEachObject() throws Exception {
        Exporter exporter = ExporterRegistry.create(ID);
        Image image = new Image(7, "scan 1", new ImageDescriptor(AxisOrder.of("yx"), new long[] {64, 64}, PixelType.UINT8));
        // A 10 x 4 rectangle (area 40, centre 15,22) and a right triangle of legs 6 (area 18, centroid 2,2).
        Roi rectangle = new Roi("Cells", List.of(new PolygonShape(0, 0, new int[] {10, 20, 20, 10}, new int[] {20, 20, 24, 24})));
        Roi triangle = new Roi("Cells", List.of(new PolygonShape(0, 1, new int[] {0, 6, 0}, new int[] {0, 0, 6})));
        exporter.export(new ImageResult("local:/x", image, "demo.ilp", "2 ROIs", List.of(rectangle, triangle), List.of()), dir);
        List<String> rows = Files.readAllLines(dir.resolve("7-scan_1.objects.csv"));
        assertEquals(List.of("roi,class,z,t,area_px,centroid_x_px,centroid_y_px", "1,Cells,0,0,40.0,15.00,22.00", "2,Cells,0,1,18.0,2.00,2.00"),
                rows);
        assertEquals(List.of("image_id,image,objects,total_area_px,mean_area_px", "7,scan 1,2,58.0,29.0"), Files.readAllLines(dir.resolve("counts.csv")));
    }

    @Test
    void runsAfterEachImageOfARealJob() throws Exception {
        String source = "local:" + dir.resolve("repo");
        Path png = Conformance.file("pixel/api-2d-1ch/Data_1channel.png");
        long dataset;
        try (Repository repo = Services.get(Repositories.class).open(source, true)) {
            dataset = repo.dataManager().createDataset("Scans", "", Optional.empty()).id();
            for (int i = 0; i < 2; i++) {
                repo.dataManager().importImage(dataset, ImageSource.of(png), "scan_0" + i);
            }
        }
        Path project = Conformance.file("pixel/api-2d-1ch/PixelClass.ilp");
        JobSpec spec = new JobSpec(project, source, dataset, List.of(), null, 50, WriteBack.all());
        Map<String, Exporter> exporters = new LinkedHashMap<>();
        exporters.put(ID, ExporterRegistry.create(ID));
        Path out = dir.resolve("exports");
        ExportingListener listener = new ExportingListener(Services.get(Repositories.class), source, project.getFileName().toString(), exporters,
                out, JobListener.NONE);
        JobRun run = Services.get(JobService.class).submit(spec, JobSettings.defaults(), listener);
        JobRun.Outcome outcome = run.await();
        listener.close();
        assertEquals(2, outcome.done(), outcome.toString());
        assertEquals(List.of(), listener.errors());
        List<String> counts = Files.readAllLines(out.resolve("counts.csv"));
        assertEquals(3, counts.size(), counts.toString());
        try (Repository repo = Services.get(Repositories.class).open(source, false)) {
            for (Image image : repo.browse().images(dataset)) {
                int rois = repo.browse().rois(image.id()).size();
                assertTrue(rois > 0, "the job traced objects on " + image.name());
                String line = counts.stream().filter(l -> l.startsWith(image.id() + ",")).findFirst()
                        .orElseThrow(() -> new AssertionError("no line for " + image.name() + " in " + counts));
                assertEquals(String.valueOf(rois), line.split(",")[2], "objects of " + image.name() + " (one polygon per ROI)");
                assertEquals(rois + 1, Files.readAllLines(out.resolve(image.id() + "-" + image.name() + ".objects.csv")).size());
            }
        }
    }
}
