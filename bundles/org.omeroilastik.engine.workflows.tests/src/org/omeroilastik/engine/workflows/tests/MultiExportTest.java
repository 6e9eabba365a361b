package org.omeroilastik.engine.workflows.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSink;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.ProgressListener;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;

/** Several exports in one pass (what batch jobs use) give what ilastik exports one by one. */
class MultiExportTest {

    @TempDir
    Path dir;

    private final ImageFormats formats = Services.get(ImageFormats.class);

    private Map<ExportSource, Path> runTogether(String project, String input, ExportSource... exports) throws Exception {
        Map<ExportSource, OutputSink> sinks = new EnumMap<>(ExportSource.class);
        Map<ExportSource, Path> files = new EnumMap<>(ExportSource.class);
        for (ExportSource e : exports) {
            Path out = dir.resolve(e.name() + ".h5");
            files.put(e, out);
            sinks.put(e, OutputSinks.hdf5(ImageTarget.of(out)));
        }
        Path in = Conformance.file(input);
        new PixelClassificationRunner(Runs.project(project), RunOptions.defaults().withBlock2d(48).withThreads(2))
                .run(ImageSource.of(in), formats.forFile(in).orElseThrow(), sinks, ProgressListener.NONE);
        return files;
    }

    @Test
    void autocontextStagesInOnePassEqualIlastik() throws Exception {
        Map<ExportSource, Path> out = runTogether("autocontext/api-2d/Autocontext_2D.ilp", "autocontext/api-2d/Data_1channel.png",
                ExportSource.PROBABILITIES_STAGE_1, ExportSource.PROBABILITIES_STAGE_2);
        assertArrayEquals(Runs.expected("autocontext/api-2d/res-Data_1channel_ac2ds1.npy"),
                Runs.values(formats.read(ImageSource.of(out.get(ExportSource.PROBABILITIES_STAGE_1)))));
        assertArrayEquals(Runs.expected("autocontext/api-2d/res-Data_1channel_ac2ds2.npy"),
                Runs.values(formats.read(ImageSource.of(out.get(ExportSource.PROBABILITIES_STAGE_2)))));
    }

    @Test
    void segmentationBesideProbabilitiesIsIlastiksArgmax() throws Exception {
        Map<ExportSource, Path> out = runTogether("pixel/api-2d-1ch/PixelClass.ilp", "pixel/api-2d-1ch/Data_1channel.png",
                ExportSource.PROBABILITIES, ExportSource.SIMPLE_SEGMENTATION);
        float[] ilastik = Runs.expected("pixel/api-2d-1ch/res-Data_1channel_pc1xyc.npy");
        assertArrayEquals(ilastik, Runs.values(formats.read(ImageSource.of(out.get(ExportSource.PROBABILITIES)))));
        float[] seg = Runs.values(formats.read(ImageSource.of(out.get(ExportSource.SIMPLE_SEGMENTATION))));
        int classes = ilastik.length / seg.length;
        assertEquals(2, classes);
        for (int i = 0; i < seg.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (ilastik[i * classes + c] > ilastik[i * classes + best]) {
                    best = c;
                }
            }
            assertEquals(best + 1, (int) seg[i], "pixel " + i);
        }
    }
}
