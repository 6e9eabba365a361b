package org.omeroilastik.batch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.omeroilastik.engine.features.FeatureId;
import org.omeroilastik.engine.features.FeatureSpec;
import org.omeroilastik.engine.features.GaussianKernel;
import org.omeroilastik.engine.features.SeparableConvolution;
import org.omeroilastik.engine.features.Volume;
import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.IlpWriter;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.engine.workflows.Training;
import org.omeroilastik.ilp.IlpReader;
import org.omeroilastik.ilp.Label;
import org.omeroilastik.jobs.JobListener;
import org.omeroilastik.jobs.JobRun;
import org.omeroilastik.jobs.JobService;
import org.omeroilastik.jobs.JobSettings;
import org.omeroilastik.jobs.JobSpec;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Plate;
import org.omeroilastik.model.repository.Project;
import org.omeroilastik.model.repository.Screen;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;

/**
 * {@code demo}: makes synthetic cell images, labels a few pixels of the first, trains a pixel
 * classifier, saves it as demo.ilp and classifies every image, reporting accuracy against the
 * synthetic truth. Everything happens with the embedded engine; the files it leaves are real inputs
 * for {@code inspect} and {@code run}.
 */
final class DemoCommand implements Command {
    private static final List<Label> LABELS = List.of(new Label("Cells", 255, 225, 25), new Label("Background", 0, 130, 200));
    static final String DEMO_PROJECT = "Demo";
    static final String DEMO_DATASET = "Cell z-stacks";
    private static final int STACK_COUNT = 3;
    private static final int STACK_PLANES = 5;
    static final String DEMO_SCREEN = "Demo screen";
    private static final int PLATE_WELLS = 2;
    private static final int TIMEPOINTS = 4;
    private final ServiceLookup services;

    DemoCommand(ServiceLookup services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "synthetic cells: train from a few labels, save demo.ilp, classify, batch over a local repository";
    }

    @Override
    public String usage() {
        return """
                Usage: omero-ilastik demo [--dir DIR] [--images N] [--size PIXELS] [--seed S]

                Generates N synthetic 2D cell images (default 4, 256x256 uint8) in DIR/images as ilastik-style
                HDF5, labels a few pixels of the first image (cells and background), trains a 100-tree random
                forest on ilastik's standard features, saves the project as DIR/demo.ilp (ilastik 1.4.1
                layout) and classifies every image (Probabilities and Simple Segmentation next to each image).
                Prints each image's pixel accuracy against the synthetic truth (DIR/truth).
                Then, in the local repository DIR/repository, makes Project "Demo" > Dataset "Cell z-stacks"
                with 3 z-stacks (5 planes each) and runs demo.ilp over the Dataset as `batch` does, writing
                ROIs, probability maps, segmentations, a table per image, the attached project and provenance
                back; then Screen "Demo screen" > Plate with 2 wells of 4-frame timelapses, batched the same
                way. A rerun reuses both and replaces their results instead of adding to them.
                DIR defaults to ./omero-ilastik-demo.
                """;
    }

    @Override
    public ExitCode run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse(args, Set.of("dir", "images", "size", "seed"), Set.of());
        Path dir = Path.of(o.value("dir").orElse("omero-ilastik-demo")).toAbsolutePath();
        int count;
        int size;
        long seed;
        try {
            count = Integer.parseInt(o.value("images").orElse("4"));
            size = Integer.parseInt(o.value("size").orElse("256"));
            seed = Long.parseLong(o.value("seed").orElse("7"));
        } catch (NumberFormatException e) {
            throw new UsageException("--images, --size and --seed take numbers");
        }
        if (count < 1 || size < 64 || size > 4096) {
            throw new UsageException("--images must be >= 1 and --size 64..4096");
        }
        try {
            return demo(dir, count, size, seed, out);
        } catch (IOException e) {
            err.println("omero-ilastik demo: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.PARTIAL_FAILURE;
        }
    }

    private ExitCode demo(Path dir, int count, int size, long seed, PrintStream out) throws IOException, InterruptedException {
        ImageFormats formats = services.get(ImageFormats.class);
        ImageFormat hdf5 = formats.byId("hdf5").orElseThrow();
        Files.createDirectories(dir.resolve("images"));
        Files.createDirectories(dir.resolve("truth"));
        SplittableRandom rng = new SplittableRandom(seed);
        List<byte[]> truths = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        List<Volume> firstImage = null;
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("yx"), new long[] {size, size}, PixelType.UINT8);
        for (int i = 0; i < count; i++) {
            byte[] truth = new byte[size * size];
            byte[] pixels = SyntheticCells.image(size, rng, truth);
            Path file = dir.resolve(String.format("images/cells_%02d.h5", i));
            Path truthFile = dir.resolve(String.format("truth/cells_%02d.h5", i));
            Files.deleteIfExists(file);
            Files.deleteIfExists(truthFile);
            hdf5.write(NdImages.wrap(d, pixels), new ImageTarget(file, "data", 4));
            hdf5.write(NdImages.wrap(d, truth), new ImageTarget(truthFile, "data", 4));
            truths.add(truth);
            images.add(file);
            if (i == 0) {
                float[] f = new float[pixels.length];
                for (int k = 0; k < f.length; k++) {
                    f[k] = pixels[k] & 0xFF;
                }
                firstImage = List.of(new Volume(1, size, size, f));
            }
        }
        out.printf("Made %d synthetic %dx%d cell images in %s%n", count, size, size, dir.resolve("images"));

        byte[] labels = SyntheticCells.sparseLabels(truths.get(0), size, rng);
        int labelled = 0;
        for (byte b : labels) {
            labelled += b != 0 ? 1 : 0;
        }
        FeatureSpec spec = standardFeatures();
        long t0 = System.nanoTime();
        Training.Result trained = Training.train(spec, LABELS.size(), List.of(new Training.LabelledImage(firstImage, labels)), 100,
                Math.max(1, Runtime.getRuntime().availableProcessors()), seed);
        out.printf(Locale.ROOT, "Trained %d trees in %d forest(s) on %d labelled pixels, %d feature channels, in %.1f s%n",
                trained.forests().treeCount(), trained.forests().forests().size(), labelled, trained.forests().featureCount(),
                (System.nanoTime() - t0) / 1e9);

        List<IlpWriter.Lane> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lanes.add(new IlpWriter.Lane(dir.relativize(images.get(i)) + "/data", String.format("cells_%02d-data", i),
                    AxisOrder.of("yx"), new long[] {size, size}, i == 0 ? labels : null, new long[] {size, size, 1}));
        }
        Path project = dir.resolve("demo.ilp");
        IlpWriter.write(project, spec, LABELS, lanes, trained);
        out.println("Saved " + project);

        PixelClassificationProject loaded = PixelClassificationProject.load(services.get(IlpReader.class).read(project));
        PixelClassificationRunner runner = new PixelClassificationRunner(loaded, RunOptions.defaults());
        double sum = 0;
        for (int i = 0; i < count; i++) {
            ImageSource source = ImageSource.parse(images.get(i) + "/data");
            for (ExportSource export : List.of(ExportSource.PROBABILITIES, ExportSource.SIMPLE_SEGMENTATION)) {
                Path target = dir.resolve(String.format("images/cells_%02d-data_%s.h5", i, export.resultType()));
                runner.run(source, hdf5, export, OutputSinks.hdf5(ImageTarget.of(target)), (a, b) -> true);
            }
            NdImage seg = hdf5.read(ImageSource.of(dir.resolve(String.format("images/cells_%02d-data_Simple Segmentation.h5", i))));
            byte[] s = (byte[]) NdImages.toArray(seg);
            byte[] truth = truths.get(i);
            int correct = 0;
            for (int k = 0; k < truth.length; k++) {
                correct += (s[k] == 1) == (truth[k] != 0) ? 1 : 0;
            }
            double accuracy = correct / (double) truth.length;
            sum += accuracy;
            out.printf(Locale.ROOT, "Classified %s: %.1f %% of pixels agree with the truth%s%n", images.get(i).getFileName(), 100 * accuracy,
                    i == 0 ? " (the labelled image)" : "");
        }
        out.printf(Locale.ROOT, "Mean accuracy %.1f %%%n", 100 * sum / count);
        return batchOverRepository(dir, project, size, rng, out);
    }

    /**
     * The seed's main job on the embedded repository: a Project and a Dataset of z-stacks in DIR/repository, the
     * trained project run over the Dataset, results written back. A rerun reuses the Dataset, and write-back replaces
     * by key, so counts stay as they are.
     */
    private ExitCode batchOverRepository(Path dir, Path ilp, int size, SplittableRandom rng, PrintStream out)
            throws IOException, InterruptedException {
        String source = "local:" + dir.resolve("repository");
        try (Repository repo = services.get(Repositories.class).open(source, true)) {
            long datasetId = demoDataset(repo, dir, size, rng, out);
            JobRun.Outcome datasetRun = runJob(new JobSpec(ilp, source, datasetId, List.of(), null, 50, WriteBack.all()), out);
            out.printf("Batch over dataset %d: %d done, %d failed%n", datasetId, datasetRun.done(), datasetRun.failed());
            long plateId = demoPlate(repo, dir, size, rng, out);
            JobRun.Outcome plateRun = runJob(new JobSpec(ilp, source, 0, List.of(), null, 50, WriteBack.all(), JobSpec.Engine.EMBEDDED,
                    Optional.empty(), plateId, 0), out);
            out.printf("Batch over plate %d: %d done, %d failed%n", plateId, plateRun.done(), plateRun.failed());
            out.printf("Next: ./omero-ilastik browse --source %s ; ./omero-ilastik batch --source %s --dataset %d --project %s%n", source,
                    source, datasetId, ilp);
            return datasetRun.failed() + plateRun.failed() == 0 ? ExitCode.SUCCESS : ExitCode.PARTIAL_FAILURE;
        } catch (RepositoryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private JobRun.Outcome runJob(JobSpec spec, PrintStream out) throws IOException, InterruptedException {
        JobRun run = services.get(JobService.class).submit(spec, JobSettings.defaults(), new JobListener() {
            @Override
            public void finished(Image image, String summary) {
                out.printf("Batch: image %d \"%s\" %s: %s%n", image.id(), image.name(), image.pixels(), summary);
            }

            @Override
            public void failed(Image image, String error) {
                out.printf("Batch: image %d failed: %s%n", image.id(), error);
            }
        });
        return run.await();
    }

    /** The demo's Screen > Plate of timelapses, one field per well: found again on a rerun, else created and filled. */
    private long demoPlate(Repository repo, Path dir, int size, SplittableRandom rng, PrintStream out) throws RepositoryException, IOException {
        for (Screen s : repo.browse().screens()) {
            if (s.name().equals(DEMO_SCREEN) && !repo.browse().plates(s.id()).isEmpty()) {
                Plate p = repo.browse().plates(s.id()).get(0);
                out.printf("Reusing plate %d \"%s\" in %s%n", p.id(), p.name(), repo.location());
                return p.id();
            }
        }
        Screen screen = repo.dataManager().createScreen(DEMO_SCREEN, "Synthetic timelapses made by omero-ilastik demo");
        Plate plate = repo.dataManager().createPlate(screen.id(), "Timelapse plate", 1, PLATE_WELLS);
        Files.createDirectories(dir.resolve("stacks"));
        ImageFormat hdf5 = services.get(ImageFormats.class).byId("hdf5").orElseThrow();
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("tyx"), new long[] {TIMEPOINTS, size, size}, PixelType.UINT8);
        for (int w = 0; w < PLATE_WELLS; w++) {
            byte[] movie = new byte[TIMEPOINTS * size * size];
            for (int t = 0; t < TIMEPOINTS; t++) {
                byte[] frame = SyntheticCells.image(size, rng, new byte[size * size]);
                System.arraycopy(frame, 0, movie, t * size * size, frame.length);
            }
            Path file = dir.resolve(String.format("stacks/timelapse_A%02d.h5", w + 1));
            Files.deleteIfExists(file);
            hdf5.write(NdImages.wrap(d, movie), new ImageTarget(file, "data", 4));
            repo.dataManager().importField(plate.id(), 0, w, ImageSource.parse(file + "/data"), String.format("A%02d field 1", w + 1));
        }
        out.printf("Made screen %d \"%s\" > plate %d \"%s\" with %d wells of %dx%dx%d timelapses%n", screen.id(), DEMO_SCREEN, plate.id(),
                plate.name(), PLATE_WELLS, TIMEPOINTS, size, size);
        return plate.id();
    }

    /** The demo's Dataset of z-stacks: found again on a rerun, else created and filled. */
    private long demoDataset(Repository repo, Path dir, int size, SplittableRandom rng, PrintStream out)
            throws RepositoryException, IOException {
        for (Project p : repo.browse().projects()) {
            if (p.name().equals(DEMO_PROJECT)) {
                for (Dataset d : repo.browse().datasets(p.id())) {
                    if (d.name().equals(DEMO_DATASET) && !repo.browse().images(d.id()).isEmpty()) {
                        out.printf("Reusing dataset %d \"%s\" in %s%n", d.id(), d.name(), repo.location());
                        return d.id();
                    }
                }
            }
        }
        Project project = repo.dataManager().createProject(DEMO_PROJECT, "Synthetic cells made by omero-ilastik demo");
        Dataset dataset = repo.dataManager().createDataset(DEMO_DATASET, "z-stacks of synthetic cells", Optional.of(project.id()));
        ImageFormat hdf5 = services.get(ImageFormats.class).byId("hdf5").orElseThrow();
        Files.createDirectories(dir.resolve("stacks"));
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of("zyx"), new long[] {STACK_PLANES, size, size}, PixelType.UINT8);
        for (int i = 0; i < STACK_COUNT; i++) {
            byte[] stack = new byte[STACK_PLANES * size * size];
            for (int z = 0; z < STACK_PLANES; z++) {
                byte[] plane = SyntheticCells.image(size, rng, new byte[size * size]);
                System.arraycopy(plane, 0, stack, z * size * size, plane.length);
            }
            Path file = dir.resolve(String.format("stacks/stack_%02d.h5", i));
            Files.deleteIfExists(file);
            hdf5.write(NdImages.wrap(d, stack), new ImageTarget(file, "data", 4));
            repo.dataManager().importImage(dataset.id(), ImageSource.parse(file + "/data"), String.format("stack_%02d", i));
        }
        out.printf("Made project %d \"%s\" > dataset %d \"%s\" with %d z-stacks of %dx%dx%d in %s%n", project.id(), DEMO_PROJECT,
                dataset.id(), DEMO_DATASET, STACK_COUNT, STACK_PLANES, size, size, repo.location());
        return dataset.id();
    }

    /** ilastik's usual picks for cell images, over its standard scales, computed in 2D. */
    static FeatureSpec standardFeatures() {
        double[] scales = {0.3, 0.7, 1.0, 1.6, 3.5, 5.0, 10.0};
        boolean[][] selected = {
            {true, true, true, true, true, false, false},
            {false, false, true, true, true, false, false},
            {false, false, true, true, true, false, false},
            {false, false, false, true, true, false, false},
            {false, false, false, true, true, false, false},
            {false, false, false, true, true, false, false},
        };
        boolean[] in2d = new boolean[scales.length];
        java.util.Arrays.fill(in2d, true);
        return new FeatureSpec(List.of(FeatureId.values()), scales, selected, in2d);
    }

    /** Synthetic fluorescence-like cells: bright textured disks on a dim noisy background, slightly blurred. */
    static final class SyntheticCells {
        private SyntheticCells() {
        }

        static byte[] image(int size, SplittableRandom rng, byte[] truth) {
            float[] v = new float[size * size];
            int cells = Math.max(4, size * size / 2500);
            for (int c = 0; c < cells; c++) {
                double cy = 12 + rng.nextDouble() * (size - 24);
                double cx = 12 + rng.nextDouble() * (size - 24);
                double r = 5 + rng.nextDouble() * 8;
                double bright = 110 + rng.nextDouble() * 90;
                for (int y = (int) Math.max(0, cy - r - 1); y < Math.min(size, cy + r + 2); y++) {
                    for (int x = (int) Math.max(0, cx - r - 1); x < Math.min(size, cx + r + 2); x++) {
                        double dd = Math.hypot(y - cy, x - cx);
                        if (dd <= r) {
                            v[y * size + x] = (float) Math.max(v[y * size + x], bright * (1 - 0.35 * dd / r));
                            truth[y * size + x] = 1;
                        }
                    }
                }
            }
            for (int i = 0; i < v.length; i++) {
                v[i] += 25 + (float) (rng.nextDouble() * 30);
            }
            GaussianKernel blur = GaussianKernel.of(0, 1.0, 3.5f);
            Volume smooth = SeparableConvolution.separable(new Volume(1, size, size, v), blur, blur, null);
            byte[] out = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (byte) Math.max(0, Math.min(255, Math.round(smooth.data()[i] + (rng.nextDouble() - 0.5) * 20)));
            }
            return out;
        }

        /** A few brush dots: label 1 inside cells (away from their edge), label 2 in background away from cells. */
        static byte[] sparseLabels(byte[] truth, int size, SplittableRandom rng) {
            byte[] labels = new byte[truth.length];
            int[] placed = new int[3];
            for (int tries = 0; tries < 20000 && (placed[1] < 12 || placed[2] < 12); tries++) {
                int y = 3 + rng.nextInt(size - 6);
                int x = 3 + rng.nextInt(size - 6);
                int label = truth[y * size + x] != 0 ? 1 : 2;
                if (placed[label] >= 12 || !uniform(truth, size, y, x, label == 1 ? 3 : 6)) {
                    continue;
                }
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        if (dy * dy + dx * dx <= 4) {
                            labels[(y + dy) * size + x + dx] = (byte) label;
                        }
                    }
                }
                placed[label]++;
            }
            return labels;
        }

        private static boolean uniform(byte[] truth, int size, int y, int x, int r) {
            int want = truth[y * size + x];
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    int yy = y + dy;
                    int xx = x + dx;
                    if (yy < 0 || xx < 0 || yy >= size || xx >= size || truth[yy * size + xx] != want) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
