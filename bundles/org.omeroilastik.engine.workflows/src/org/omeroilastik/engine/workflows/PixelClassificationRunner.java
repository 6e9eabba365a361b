package org.omeroilastik.engine.workflows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.image.io.RegionReader;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;

/**
 * Runs a pixel classification (or autocontext) project over one image, block by block with halos,
 * on a fixed number of threads, streaming each finished block to an {@link OutputSink}. Memory is
 * bounded by the blocks in flight, never by the image size.
 */
public final class PixelClassificationRunner {
    private final PixelClassificationProject project;
    private final PixelPipeline pipeline;
    private final RunOptions options;

    public PixelClassificationRunner(PixelClassificationProject project, RunOptions options) {
        this.project = project;
        this.pipeline = new PixelPipeline(project);
        this.options = options;
    }

    /** The output's axes: the input's, with c appended when the input has none (as ilastik exports). */
    public static AxisOrder outputAxes(AxisOrder input) {
        return input.has(Axis.C) ? input : AxisOrder.of(input.keys() + "c");
    }

    /** What {@code export} of {@code input} looks like, before anything is computed. */
    public ImageDescriptor outputDescriptor(ImageDescriptor input, ExportSource export) throws WorkflowException {
        check(input, export);
        AxisOrder axes = outputAxes(input.axes());
        long[] shape = new long[axes.size()];
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            shape[i] = a == Axis.C ? outputChannels(input, export) : input.size(a);
        }
        PixelType type = export == ExportSource.SIMPLE_SEGMENTATION || export == ExportSource.LABELS ? PixelType.UINT8 : PixelType.FLOAT32;
        return new ImageDescriptor(axes, shape, type, input.physicalSizes());
    }

    private int outputChannels(ImageDescriptor input, ExportSource export) {
        int nz = (int) input.size(Axis.Z);
        return switch (export) {
            case PROBABILITIES, PROBABILITIES_STAGE_2 -> project.labels().size();
            case PROBABILITIES_STAGE_1 -> project.stages().get(0).forests().classCount();
            case SIMPLE_SEGMENTATION, UNCERTAINTY, LABELS -> 1;
            case FEATURES -> {
                Stage last = project.stages().get(project.stages().size() - 1);
                yield last.features().channelCount(last.inputChannels(), nz);
            }
        };
    }

    /** Refuses inputs the project cannot classify, with a message naming what differs. */
    private void check(ImageDescriptor input, ExportSource export) throws WorkflowException {
        if (!input.axes().has(Axis.Y) || !input.axes().has(Axis.X)) {
            throw new WorkflowException("input has axes '" + input.axes() + "' without y and x");
        }
        if (input.channels() != project.rawChannels()) {
            throw new WorkflowException("input has " + input.channels() + " channel(s) but the project was trained on "
                    + project.rawChannels() + " (check --input-axes if the channel axis was not recognised)");
        }
        if (export == ExportSource.PROBABILITIES_STAGE_2 && !project.isAutocontext()) {
            throw new WorkflowException("export source 'Probabilities Stage 2' needs an autocontext project");
        }
        int nz = (int) input.size(Axis.Z);
        for (int i = 0; i < project.stages().size(); i++) {
            Stage s = project.stages().get(i);
            int columns = s.features().channelCount(s.inputChannels(), nz);
            if (columns != s.forests().featureCount()) {
                throw new WorkflowException("the project was trained on " + (nz > 1 ? "2D" : "3D") + " data: its features give "
                        + s.forests().featureCount() + " channels, this " + (nz > 1 ? "3D" : "2D") + " input would give " + columns);
            }
        }
    }

    /** Runs {@code export} of {@code source} into {@code sink} and commits it; aborts the sink on any failure. */
    public void run(ImageSource source, ImageFormat format, ExportSource export, OutputSink sink, ProgressListener progress)
            throws IOException, InterruptedException {
        run(source, format, Map.of(export, sink), progress);
    }

    /**
     * Runs several exports of {@code source} in one pass (features and forests are computed once per
     * block) and commits every sink only after the last block; aborts them all on any failure.
     */
    public void run(ImageSource source, ImageFormat format, Map<ExportSource, OutputSink> sinks, ProgressListener progress)
            throws IOException, InterruptedException {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("no export asked for");
        }
        ImageDescriptor in = format.describe(source);
        Map<ExportSource, ImageDescriptor> outs = new EnumMap<>(ExportSource.class);
        for (ExportSource export : sinks.keySet()) {
            outs.put(export, outputDescriptor(in, export));
        }
        List<Block> blocks = plan(in);
        NdImage whole = format.readsRegionsEfficiently() ? null : format.read(source);
        // One reader for all blocks: it keeps the file open and its chunk cache warm between them.
        RegionReader regions = whole == null ? format.regionReader(source) : null;
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "pixel-classification");
            t.setDaemon(true);
            return t;
        });
        boolean committed = false;
        try {
            for (var e : sinks.entrySet()) {
                ImageDescriptor out = outs.get(e.getKey());
                e.getValue().open(out, writeShape(out, blocks.get(0)));
            }
            ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
            int submitted = 0;
            int finished = 0;
            while (finished < blocks.size()) {
                while (submitted < blocks.size() && submitted - finished < options.threads()) {
                    Block b = blocks.get(submitted++);
                    done.submit(() -> {
                        runBlock(b, regions, whole, in, outs, sinks);
                        return null;
                    });
                }
                Future<Void> f = done.take();
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException(cause);
                }
                finished++;
                if (!progress.blockDone(finished, blocks.size())) {
                    throw new CancellationException("cancelled after " + finished + " of " + blocks.size() + " blocks");
                }
            }
            for (OutputSink sink : sinks.values()) {
                sink.commit();
            }
            committed = true;
        } finally {
            pool.shutdownNow();
            if (!committed) {
                sinks.values().forEach(OutputSink::abort);
            }
            if (regions != null) {
                closeAfterBlocks(pool, regions);
            }
        }
    }

    /**
     * Closes the input once no block reads it any more (cancelled blocks stop at their next check).
     * A failure to close a file only read from changes nothing the run produced, and must not hide
     * the failure that ended the run.
     */
    private static void closeAfterBlocks(ExecutorService pool, RegionReader regions) {
        try {
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            regions.close();
        } catch (IOException e) {
            // see above
        }
    }

    private void runBlock(Block b, RegionReader regions, NdImage whole, ImageDescriptor in,
            Map<ExportSource, ImageDescriptor> outs, Map<ExportSource, OutputSink> sinks) throws IOException {
        long[][] inBox = box(in.axes(), b.t, b.region, in.channels());
        long[] offset = inBox[0];
        long[] count = inBox[1];
        NdImage region = whole != null ? NdImages.crop(whole, offset, count) : regions.read(offset, count);
        List<Volume> raw = BlockArrays.channels(region);
        int[] core = {b.core[0] - b.region[0], b.core[1] - b.region[1], b.core[2] - b.region[2], b.core[3], b.core[4], b.core[5]};
        Map<ExportSource, List<Volume>> result = pipeline.run(raw, in.pixelType(), core, sinks.keySet());
        for (var e : sinks.entrySet()) {
            List<Volume> channels = result.get(e.getKey());
            ImageDescriptor out = outs.get(e.getKey());
            AxisOrder oa = out.axes();
            long[][] outBox = box(oa, b.t, b.core, channels.size());
            e.getValue().write(outBox[0], outBox[1], BlockArrays.toArray(channels, oa, out.pixelType(), outBox[1]));
        }
    }

    /** The shape, in the output's axis order, of the block grid the runner writes (the first block is a full one). */
    private static long[] writeShape(ImageDescriptor out, Block first) {
        return box(out.axes(), first.t(), first.core(), out.channels())[1];
    }

    /** Offset and count, in the order of {@code axes}, of time point t, the box {z, y, x, nz, ny, nx} and all channels. */
    private static long[][] box(AxisOrder axes, int t, int[] zyx, long channels) {
        long[] offset = new long[axes.size()];
        long[] count = new long[axes.size()];
        for (int i = 0; i < axes.size(); i++) {
            switch (axes.get(i)) {
                case T -> { offset[i] = t; count[i] = 1; }
                case Z -> { offset[i] = zyx[0]; count[i] = zyx[3]; }
                case Y -> { offset[i] = zyx[1]; count[i] = zyx[4]; }
                case X -> { offset[i] = zyx[2]; count[i] = zyx[5]; }
                case C -> { offset[i] = 0; count[i] = channels; }
            }
        }
        return new long[][] {offset, count};
    }

    /** One unit of work: time point {@code t}, core box and region (core plus halo, clipped) as {z, y, x, nz, ny, nx}. */
    record Block(int t, int[] core, int[] region) {
    }

    /** Splits the image into blocks whose region (core plus halo) fits the memory budget. */
    List<Block> plan(ImageDescriptor in) {
        int nt = (int) in.size(Axis.T);
        int nz = (int) in.size(Axis.Z);
        int ny = (int) in.size(Axis.Y);
        int nx = (int) in.size(Axis.X);
        int h = pipeline.halo();
        boolean zHalo = pipeline.needsZHalo(nz);
        int hz = zHalo ? h : 0;
        int cz;
        int cy;
        int cx;
        if (!zHalo) {
            cz = 1;
            cy = balanced(ny, options.block2d());
            cx = balanced(nx, options.block2d());
        } else {
            Stage last = project.stages().get(project.stages().size() - 1);
            int nf = Math.max(1, last.features().channelCount(last.inputChannels(), nz)) + project.labels().size();
            // The largest blocks whose regions fit the budget. Tiles of equal size (not edge, edge, …, a
            // sliver) keep each region as small as the tile count allows: a sliver costs a whole halo.
            int edge = 256;
            do {
                cz = balanced(nz, edge);
                cy = balanced(ny, edge);
                cx = balanced(nx, edge);
                edge -= 4;
            } while (edge > 16 && blockBytes(cz, cy, cx, hz, h, nz, ny, nx, nf) > options.blockBytes());
        }
        List<Block> blocks = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            for (int z = 0; z < nz; z += cz) {
                for (int y = 0; y < ny; y += cy) {
                    for (int x = 0; x < nx; x += cx) {
                        int[] core = {z, y, x, Math.min(cz, nz - z), Math.min(cy, ny - y), Math.min(cx, nx - x)};
                        int z0 = Math.max(0, z - hz), y0 = Math.max(0, y - h), x0 = Math.max(0, x - h);
                        int z1 = Math.min(nz, z + core[3] + hz), y1 = Math.min(ny, y + core[4] + h), x1 = Math.min(nx, x + core[5] + h);
                        blocks.add(new Block(t, core, new int[] {z0, y0, x0, z1 - z0, y1 - y0, x1 - x0}));
                    }
                }
            }
        }
        return blocks;
    }

    /** The tile size that splits {@code n} into as few equal tiles of at most {@code edge} as possible. */
    static int balanced(int n, int edge) {
        int tiles = (n + edge - 1) / edge;
        return (n + tiles - 1) / tiles;
    }

    /**
     * Bytes of one 3D block of core cz × cy × cx: the cropped feature matrix plus about 24 region-sized
     * temporaries (shared passes); the region is the core plus its halos, clipped to the image.
     */
    private static long blockBytes(int cz, int cy, int cx, int hz, int h, int nz, int ny, int nx, int features) {
        long core = (long) cz * cy * cx;
        long region = (long) Math.min(nz, cz + 2 * hz) * Math.min(ny, cy + 2 * h) * Math.min(nx, cx + 2 * h);
        return 4L * (features * core + 24 * region);
    }
}
