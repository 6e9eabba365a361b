package org.omeroilastik.internal.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.testing.Conformance;
import org.omeroilastik.testing.Services;
import org.omeroilastik.ui.results.PlaneReader;
import org.omeroilastik.ui.results.PlaneRegion;

/** A frame's region read through RawData and sampled when zoomed out, against the whole plane. */
class PlaneReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsOnlyTheRegionAndSamplesEveryStepPixels() throws Exception {
        try (Repository repo = Services.get(Repositories.class).open("local:" + dir.resolve("repo"), true)) {
            long dataset = repo.dataManager().createDataset("D", "", Optional.empty()).id();
            Image image = repo.dataManager().importImage(dataset, ImageSource.of(Conformance.file("pixel/api-2d-1ch/Data_1channel.png")), "cells");
            byte[] plane = (byte[]) NdImages.toArray(repo.rawData().plane(image.id(), 0, 0, 0));
            int width = 128;
            // The default band (the region at once) and bands of 2 rows (many reads, memory bounded).
            for (PlaneReader reader : new PlaneReader[] {new PlaneReader(), new PlaneReader(31 * 2)}) {
                for (int step : new int[] {1, 3}) {
                    PlaneRegion region = new PlaneRegion(0, 0, 10, 20, 31, 17, step);
                    float[][] out = reader.read(repo.rawData(), image.id(), image.pixels(), region);
                    assertEquals(1, out.length, "one channel");
                    assertEquals(region.outWidth() * region.outHeight(), out[0].length);
                    for (int oy = 0; oy < region.outHeight(); oy++) {
                        for (int ox = 0; ox < region.outWidth(); ox++) {
                            int expected = plane[(20 + oy * step) * width + 10 + ox * step] & 0xFF;
                            assertEquals(expected, out[0][oy * region.outWidth() + ox], "pixel " + ox + "," + oy + " at step " + step);
                        }
                    }
                }
            }
        }
    }

    @Test
    void composesChannelsThroughTheirColourAndRange() {
        ChannelSettings s = new ChannelSettings(2, java.util.List.of());
        s.colors[0] = 0x00FF00;
        s.colors[1] = 0xFF0000;
        s.min[0] = 0;
        s.max[0] = 100;
        s.min[1] = 10;
        s.max[1] = 20;
        int[] rgb = new int[3];
        s.compose(new float[][] {{50, 200, -5}, {15, 0, 30}}, 3, rgb);
        assertEquals(0x7F7F00, rgb[0], "half green plus half red");
        assertEquals(0x00FF00, rgb[1], "above the range saturates, below is black");
        assertEquals(0xFF0000, rgb[2]);
        float[] ramp = new float[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        ChannelSettings auto = new ChannelSettings(1, java.util.List.of());
        auto.autoRange(new float[][] {ramp}, ramp.length);
        assertEquals(0.0, auto.min[0], 1.0, "0.1 percentile");
        assertEquals(999.0, auto.max[0], 1.0, "99.9 percentile");
    }
}
