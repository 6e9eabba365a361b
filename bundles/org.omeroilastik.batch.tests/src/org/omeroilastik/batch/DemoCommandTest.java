package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} end to end: images, training, project, classification, accuracy against the synthetic truth. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsSavesAndClassifiesAccurately() throws Exception {
        CliRunner r = CliRunner.run("demo", "--dir", dir.toString(), "--images", "2", "--size", "128");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("demo.ilp")));
        assertTrue(Files.isRegularFile(dir.resolve("images/cells_01-data_Simple Segmentation.h5")));
        Matcher m = Pattern.compile("Mean accuracy ([0-9.]+) %").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 95, r.out());

        // The saved project is a real input for inspect and run.
        CliRunner inspect = CliRunner.run("inspect", dir.resolve("demo.ilp").toString());
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("labels: Cells (#ffe119), Background (#0082c8)"), inspect.out());
        CliRunner run = CliRunner.run("run", "--project", dir.resolve("demo.ilp").toString(), "--export-source", "Uncertainty",
                dir.resolve("images/cells_00.h5") + "/data");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(dir.resolve("images/cells_00-data_Uncertainty.h5")));
    }
}
