package org.omeroilastik.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.testing.Conformance;

/** Bad input gives a short error naming the file, exit code 2, and never a stack trace. */
class CliErrorsTest {

    @TempDir
    Path dir;

    private static void assertShortError(CliRunner r, String fileName, String reason) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\n");
        assertTrue(lines.length <= 3, r.err());
        assertTrue(r.err().contains(fileName), r.err());
        assertTrue(r.err().contains(reason), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void missingFile() {
        assertShortError(CliRunner.run("inspect", dir.resolve("absent.ilp").toString()), "absent.ilp", "no such file");
    }

    @Test
    void notHdf5() throws Exception {
        Path p = dir.resolve("notes.ilp");
        Files.writeString(p, "this is not an ilastik project\n");
        assertShortError(CliRunner.run("inspect", p.toString()), "notes.ilp", "not an HDF5 file");
    }

    @Test
    void truncatedProject() throws Exception {
        byte[] bytes = Files.readAllBytes(Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
        Path p = dir.resolve("truncated.ilp");
        Files.write(p, Arrays.copyOf(bytes, bytes.length / 2));
        CliRunner r = CliRunner.run("inspect", p.toString());
        assertShortError(r, "truncated.ilp", "truncated.ilp");
    }

    @Test
    void corruptedProject() throws Exception {
        byte[] bytes = Files.readAllBytes(Conformance.file("pixel/api-2d-1ch/PixelClass.ilp"));
        // Overwrite the middle of the file (object headers and B-tree nodes) with garbage.
        for (int i = bytes.length / 4; i < bytes.length * 3 / 4; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path p = dir.resolve("corrupt.ilp");
        Files.write(p, bytes);
        assertShortError(CliRunner.run("inspect", p.toString()), "corrupt.ilp", "corrupt.ilp");
    }

    @Test
    void hdf5FileThatIsNoProject() {
        Path p = Conformance.file("projects/2d.h5");
        assertShortError(CliRunner.run("inspect", p.toString()), "2d.h5", "not an ilastik project");
    }

    @Test
    void usageErrors() {
        CliRunner none = CliRunner.run();
        assertEquals(2, none.exitCode());
        assertTrue(none.out().contains("Usage: omero-ilastik COMMAND"));
        CliRunner unknown = CliRunner.run("frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"));
        CliRunner noProject = CliRunner.run("inspect");
        assertEquals(2, noProject.exitCode());
        assertTrue(noProject.err().contains("no project given"));
        CliRunner help = CliRunner.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("inspect") && help.out().contains("Exit codes"));
        CliRunner inspectHelp = CliRunner.run("inspect", "--help");
        assertEquals(0, inspectHelp.exitCode());
        assertTrue(inspectHelp.out().contains("--json"));
    }
}
