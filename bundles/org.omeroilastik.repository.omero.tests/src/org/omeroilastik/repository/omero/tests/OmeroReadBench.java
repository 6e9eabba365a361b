package org.omeroilastik.repository.omero.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.omero.OmeroCredentials;
import org.omeroilastik.testing.Services;
import org.omeroilastik.testing.omero.OmeroWebDouble;
import org.osgi.framework.ServiceRegistration;

/**
 * Measurement, not a test of the default run (only with {@code -Domero.ilastik.bench=true}; see
 * bench/omero-read.sh): a 237-plane 512 × 512 uint16 stack in the OMERO.web double (planes computed on
 * demand, so the double holds no copy) read plane by plane, as the batch's staging reads it, through
 * omero-ms-pixel-buffer and through omero-web-zarr. Reports MB/s and the peak used heap (sampled every
 * millisecond) above the heap used before the read, against the stack's 124 MB.
 */
@EnabledIfSystemProperty(named = "omero.ilastik.bench", matches = "true")
class OmeroReadBench {
    private static final int X = 512, Y = 512, Z = 237;

    private static int value(int x, int y, int z) {
        return (z * 251 + y * 7 + x) & 0xFFFF;
    }

    @Test
    void readsTheStackPlaneByPlaneThroughPixelBufferAndZarr() throws Exception {
        List<String> lines = new ArrayList<>();
        try (OmeroWebDouble web = new OmeroWebDouble(null)) {
            long lab = web.group("Lab");
            web.user("ann", "pw", lab);
            long id = web.image(lab, "stack", web.dataset(lab, "D", null), X, Y, Z, 1, 1, "uint16", null);
            web.pixels(id, i -> {
                ByteBuffer b = ByteBuffer.allocate(X * Y * 2);
                for (int y = 0; y < Y; y++) {
                    for (int x = 0; x < X; x++) {
                        b.putShort((short) value(x, y, i));
                    }
                }
                return b.array();
            });
            ServiceRegistration<OmeroCredentials> reg = DoubleLogins.register(web, "ann", "pw", null);
            try {
                long stackBytes = (long) X * Y * Z * 2;
                lines.add(String.format("stack %d x %d x %d uint16 = %.1f MB; max heap %d MB; %d cores", Z, Y, X, stackBytes / 1e6,
                        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors()));
                for (String source : List.of("pixel-buffer", "zarr", "pixel-buffer", "zarr")) {
                    lines.add(run(web, id, source, stackBytes));
                }
            } finally {
                reg.unregister();
            }
        }
        String report = String.join("\n", lines);
        System.out.println(report);
        String out = System.getProperty("omero.ilastik.benchOut");
        if (out != null) {
            Files.writeString(Path.of(out), report + "\n");
        }
    }

    private static String run(OmeroWebDouble web, long id, String source, long stackBytes) throws Exception {
        System.setProperty("omero.ilastik.pixelSource", source);
        Repository repo;
        try {
            repo = Services.get(Repositories.class).open("omero:" + web.uri(), false);
        } finally {
            System.clearProperty("omero.ilastik.pixelSource");
        }
        try (repo) {
            repo.rawData().pixels(id);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long baseline = rt.totalMemory() - rt.freeMemory();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            web.clearRequestLog();
            long sum = 0;
            long t0 = System.nanoTime();
            for (int z = 0; z < Z; z++) {
                short[] plane = (short[]) NdImages.toArray(repo.rawData().read(id, new long[] {z, 0, 0}, new long[] {1, Y, X}));
                assertEquals(value(X - 1, z % Y, z), plane[(z % Y) * X + X - 1] & 0xFFFF);
                sum += plane[z % plane.length];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            sampler.join();
            int requests = web.requestLog("/").size();
            assertTrue(sum != 0);
            return String.format("%-13s %4d planes in %6.2f s = %6.1f MB/s, %4d requests; peak heap %5.1f MB above the %5.1f MB before (%.0f%% of the stack)",
                    source, Z, seconds, stackBytes / 1e6 / seconds, requests, (peak.get() - baseline) / 1e6, baseline / 1e6,
                    100.0 * (peak.get() - baseline) / stackBytes);
        }
    }
}
