package org.omeroilastik.zarr.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.testing.Services;

/** The OME-Zarr format is a registered image format, chosen by folder name. */
class ImageFormatTest {
    private final ImageFormats formats = Services.get(ImageFormats.class);

    @Test
    void claimsZarrFolders() {
        assertEquals("ome-zarr", formats.forFile(Path.of("/tmp/a.ome.zarr")).orElseThrow().id());
        assertEquals("ome-zarr", formats.forFile(Path.of("/tmp/b.zarr/")).orElseThrow().id());
        assertEquals("ome-zarr", formats.byId("ome-zarr").orElseThrow().id());
    }
}
