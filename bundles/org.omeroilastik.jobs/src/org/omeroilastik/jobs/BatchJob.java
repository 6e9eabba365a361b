package org.omeroilastik.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.omeroilastik.engine.workflows.ExportSource;
import org.omeroilastik.engine.workflows.OutputSink;
import org.omeroilastik.engine.workflows.OutputSinks;
import org.omeroilastik.engine.workflows.PixelClassificationProject;
import org.omeroilastik.engine.workflows.PixelClassificationRunner;
import org.omeroilastik.engine.workflows.RunOptions;
import org.omeroilastik.ilp.IlpException;
import org.omeroilastik.ilp.Label;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.results.MaskShape;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.ResultWriter;
import org.omeroilastik.repository.ResultWriter.Owner;
import org.omeroilastik.rois.Particle;
import org.omeroilastik.rois.ParticleAnalyzer;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * The work of one job: its inputs and, per image, the exports computed in one engine pass and
 * written back under keys "PROJECT.ilp/KIND" (probability map, segmentation, ROIs from Analyze
 * Particles of the chosen class, results table, provenance), so a rerun replaces instead of
 * duplicating; and the journal of finished images. {@link JobService} schedules it.
 */
public final class BatchJob {
    /** Version of this product, recorded in provenance. */
    public static final String VERSION = "0.1.0";
    private static final Gson GSON = new Gson();

    private final JobSpec spec;
    private final Repository repo;
    private final PixelClassificationProject project;
    private final ImageFormats formats;
    private final String projectName;
    /** Gives output descriptors for every image and, for the embedded engine, computes the exports. */
    private final PixelClassificationRunner runner;
    private PixelEngine engine;

    /** Told about engine progress of one task. */
    public interface TaskProgress {
        void block(int done, int total);
    }

    private final RunOptions options;

    public BatchJob(JobSpec spec, Repository repo, PixelClassificationProject project, ImageFormats formats, RunOptions options) {
        this.spec = spec;
        this.repo = repo;
        this.project = project;
        this.formats = formats;
        this.projectName = spec.project().getFileName().toString();
        this.runner = new PixelClassificationRunner(project, options);
        this.options = options;
    }

    /** The key of one kind of output, e.g. "demo.ilp/rois". */
    public String key(String kind) {
        return projectName + "/" + kind;
    }

    /** The images this job processes: the container's (derived images are never among them) or the given ones. */
    public List<Image> plan() throws IOException {
        roiClassIndex();
        return inputsOf(spec, repo.browse());
    }

    /** The input images of a job: a dataset's images, the well fields of a plate or of a screen's plates, or given images. */
    public static List<Image> inputsOf(JobSpec spec, Browse browse) throws RepositoryException {
        List<Image> out = new ArrayList<>();
        for (long id : spec.imageIds()) {
            if (browse.derivedFrom(id).isPresent()) {
                throw new RepositoryException("image " + id + " is a result of an earlier run, not an input");
            }
            out.add(browse.image(id));
        }
        if (spec.datasetId() > 0) {
            out.addAll(browse.images(spec.datasetId()));
        }
        List<Long> plates = new ArrayList<>();
        if (spec.plateId() > 0) {
            plates.add(spec.plateId());
        } else if (spec.screenId() > 0) {
            for (var plate : browse.plates(spec.screenId())) {
                plates.add(plate.id());
            }
        }
        for (long plate : plates) {
            for (var well : browse.wells(plate)) {
                for (long field : well.fieldImageIds()) {
                    out.add(browse.image(field));
                }
            }
        }
        return out;
    }

    /** Attaches the project to the job's dataset (once per run; the key makes it replace the earlier copy). */
    public void attachProject() throws RepositoryException {
        if (spec.writeBack().contains(WriteBack.PROJECT) && spec.datasetId() > 0) {
            repo.results().putAttachment(Owner.DATASET, spec.datasetId(), key("project"), spec.project());
        }
    }

    /** Finds the engine the spec names; an error here (no ilastik installed) means nothing can be done. */
    public void prepareEngine() throws IOException {
        if (engine == null) {
            engine = createEngine();
        }
    }

    private PixelEngine createEngine() throws IOException {
        ImageFormat hdf5 = formats.byId("hdf5").orElseThrow();
        if (spec.engine() == JobSpec.Engine.EMBEDDED) {
            return new EmbeddedEngine(runner, formats);
        }
        return new IlastikHeadlessEngine(IlastikHeadlessEngine.locate(spec.ilastikHome()), spec.project(), hdf5,
                (source, export) -> runner.outputDescriptor(formats.forFile(source.file())
                        .orElseThrow(() -> new IOException(source.describe() + ": no image format reads it")).describe(source), export),
                options);
    }

    /**
     * Computes and writes back every output of one image; returns a one-line summary. Stops with a
     * CancellationException soon after {@code cancelled} turns true; derived images not yet committed
     * are discarded on any failure.
     */
    public String process(Image image, TaskProgress progress, BooleanSupplier cancelled) throws IOException, InterruptedException {
        Optional<ImageSource> local = repo.rawData().localSource(image.id());
        if (local.isPresent()) {
            return process(image, local.get(), progress, cancelled);
        }
        // A private folder: no predictable name in the shared temp directory.
        Path folder = Files.createTempDirectory("omero-ilastik-input-" + image.id() + "-");
        try {
            return process(image, ImageSource.of(stage(image, folder.resolve("pixels.h5"), cancelled)), progress, cancelled);
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    /**
     * Copies a remote image's pixels, plane by plane (all channels of one t and z at a time), into a
     * temporary ilastik HDF5 file the engine reads blockwise; memory stays at one plane.
     */
    private Path stage(Image image, Path file, BooleanSupplier cancelled) throws IOException {
        ImageDescriptor d = image.pixels();
        int nt = (int) d.size(Axis.T);
        int nz = (int) d.size(Axis.Z);
        try (OutputSink sink = OutputSinks.hdf5(ImageTarget.of(file))) {
            sink.open(d);
            for (int t = 0; t < nt; t++) {
                for (int z = 0; z < nz; z++) {
                    checkCancelled(cancelled);
                    long[] offset = planeOffset(d.axes(), t, z);
                    long[] count = planeCount(d, d.channels());
                    sink.write(offset, count, NdImages.toArray(repo.rawData().read(image.id(), offset, count)));
                }
            }
            sink.commit();
        }
        return file;
    }

    private String process(Image image, ImageSource source, TaskProgress progress, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        ImageDescriptor in = image.pixels();
        ResultWriter results = repo.results();
        Set<WriteBack> wb = spec.writeBack();
        boolean needSegmentation = wb.contains(WriteBack.SEGMENTATION) || wb.contains(WriteBack.ROIS) || wb.contains(WriteBack.TABLE)
                || wb.contains(WriteBack.MASKS);
        Map<ExportSource, ImageTarget> targets = new EnumMap<>(ExportSource.class);
        Map<WriteBack, ResultWriter.DerivedImage> derived = new EnumMap<>(WriteBack.class);
        Path temp = null;
        try {
            for (WriteBack kind : wb) {
                ExportSource export = kind.derivedImage().orElse(null);
                if (export != null) {
                    ResultWriter.DerivedImage d = results.derivedImage(image.id(), key(kind.name().toLowerCase(Locale.ROOT)),
                            image.name() + " " + export.ilastikName(), runner.outputDescriptor(in, export));
                    derived.put(kind, d);
                    targets.put(export, d.target());
                }
            }
            ImageDescriptor segDescriptor = runner.outputDescriptor(in, ExportSource.SIMPLE_SEGMENTATION);
            if (needSegmentation && !targets.containsKey(ExportSource.SIMPLE_SEGMENTATION)) {
                temp = Files.createTempDirectory("omero-ilastik-segmentation");
                targets.put(ExportSource.SIMPLE_SEGMENTATION, ImageTarget.of(temp.resolve("segmentation.h5")));
            }
            if (!targets.isEmpty()) {
                // Every export of the image in one engine pass.
                engine.export(source, targets, (done, total) -> {
                    progress.block(done, total);
                    return !cancelled.getAsBoolean();
                }, cancelled);
            }
            String rois = null;
            if (needSegmentation) {
                checkCancelled(cancelled);
                ImageTarget seg = targets.get(ExportSource.SIMPLE_SEGMENTATION);
                ImageSource segSource = new ImageSource(seg.file(), Optional.of(seg.internalPath()), Optional.empty());
                rois = roisAndTable(image, source, segSource, segDescriptor) + " ROIs";
            }
            checkCancelled(cancelled);
            List<String> parts = new ArrayList<>();
            for (var e : derived.entrySet()) {
                parts.add(e.getKey().name().toLowerCase(Locale.ROOT) + " → image " + e.getValue().commit());
            }
            derived.clear();
            if (rois != null) {
                parts.add(rois);
            }
            if (wb.contains(WriteBack.PROVENANCE)) {
                results.putAnnotations(Owner.IMAGE, image.id(), key("provenance"), provenance());
            }
            return String.join(", ", parts);
        } finally {
            // Whatever was not committed (a failure, a cancel) leaves nothing behind.
            derived.values().forEach(ResultWriter.DerivedImage::discard);
            if (temp != null) {
                Files.deleteIfExists(temp.resolve("segmentation.h5"));
                Files.deleteIfExists(temp.resolve("segmentation.h5.part"));
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Analyze Particles on every plane of the segmentation; ROIs and the table go back on the image. */
    private int roisAndTable(Image image, ImageSource raw, ImageSource seg, ImageDescriptor segDescriptor) throws IOException {
        ImageFormat hdf5 = formats.byId("hdf5").orElseThrow();
        ImageFormat rawFormat = formats.forFile(raw.file()).orElseThrow();
        ImageDescriptor in = image.pixels();
        List<Label> labels = project.labels();
        int classIndex = roiClassIndex();
        String className = labels.get(classIndex).name();
        int nt = (int) in.size(Axis.T), nz = (int) in.size(Axis.Z), ny = (int) in.size(Axis.Y), nx = (int) in.size(Axis.X);
        int nc = (int) in.channels();
        List<Roi> rois = new ArrayList<>();
        boolean masks = spec.writeBack().contains(WriteBack.MASKS);
        List<String> columns = new ArrayList<>(List.of("roi", "label", "t", "z", "area_px", "centroid_x_px", "centroid_y_px", "bbox_x",
                "bbox_y", "bbox_width", "bbox_height"));
        for (int c = 0; c < nc; c++) {
            columns.add("mean_intensity_c" + c);
        }
        var sx = in.physicalSize(Axis.X);
        var sy = in.physicalSize(Axis.Y);
        boolean physical = sx.isPresent() && sy.isPresent();
        if (physical) {
            columns.addAll(List.of("area_" + sx.get().unit() + "2", "centroid_x_" + sx.get().unit(), "centroid_y_" + sy.get().unit()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            for (int z = 0; z < nz; z++) {
                NdImage segPlane = hdf5.readRegion(seg, planeOffset(segDescriptor.axes(), t, z), planeCount(segDescriptor, 1));
                byte[] s = (byte[]) NdImages.toArray(segPlane);
                boolean[] mask = new boolean[ny * nx];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = (s[i] & 0xFF) == classIndex + 1;
                }
                NdImage rawPlane = rawFormat.readRegion(raw, planeOffset(in.axes(), t, z), planeCount(in, nc));
                float[][] channels = planeChannels(rawPlane, ny, nx, nc);
                for (Particle p : ParticleAnalyzer.analyze(mask, nx, ny, channels, spec.minSize(), z, t)) {
                    int[] b = p.bounds();
                    rois.add(new Roi(className, List.of(new PolygonShape(z, t, p.outline().x(), p.outline().y())),
                            masks ? List.of(new MaskShape(z, t, b[0], b[1], b[2], b[3], p.maskBits())) : List.of()));
                    List<Object> row = new ArrayList<>(List.of(rois.size(), className, t, z, p.area(), p.centroidX(), p.centroidY(), p.bounds()[0],
                            p.bounds()[1], p.bounds()[2], p.bounds()[3]));
                    for (double m : p.meanIntensity()) {
                        row.add(m);
                    }
                    if (physical) {
                        row.add(p.area() * sx.get().value() * sy.get().value());
                        row.add(p.centroidX() * sx.get().value());
                        row.add(p.centroidY() * sy.get().value());
                    }
                    rows.add(row);
                }
            }
        }
        if (spec.writeBack().contains(WriteBack.ROIS) || masks) {
            repo.results().putRois(image.id(), key("rois"), rois);
        }
        if (spec.writeBack().contains(WriteBack.TABLE)) {
            repo.results().putTable(Owner.IMAGE, image.id(), key("table"), new Table(columns, rows));
        }
        return rois.size();
    }

    /** The label whose objects become ROIs: --roi-class, else the project's first. */
    private int roiClassIndex() throws IOException {
        List<Label> labels = project.labels();
        if (spec.roiClass() == null) {
            return 0;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).name().equals(spec.roiClass())) {
                return i;
            }
        }
        throw new IOException("--roi-class '" + spec.roiClass() + "' is not a label of " + projectName + " (labels: "
                + labels.stream().map(Label::name).toList() + ")");
    }

    private static long[] planeOffset(AxisOrder axes, int t, int z) {
        long[] off = new long[axes.size()];
        for (int i = 0; i < axes.size(); i++) {
            off[i] = axes.get(i) == Axis.T ? t : axes.get(i) == Axis.Z ? z : 0;
        }
        return off;
    }

    private static long[] planeCount(ImageDescriptor d, long channels) {
        long[] count = new long[d.axes().size()];
        for (int i = 0; i < count.length; i++) {
            Axis a = d.axes().get(i);
            count[i] = a == Axis.T || a == Axis.Z ? 1 : a == Axis.C ? channels : d.size(a);
        }
        return count;
    }

    /** Raw plane values per channel, y-major, whatever the stored axis order. */
    private static float[][] planeChannels(NdImage plane, int ny, int nx, int nc) {
        ImageDescriptor d = plane.descriptor();
        float[][] out = new float[nc][ny * nx];
        long[] shape = d.shape();
        long[] strides = new long[shape.length];
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= shape[i];
        }
        AxisOrder a = d.axes();
        long syy = strides[a.indexOf(Axis.Y)];
        long sxx = strides[a.indexOf(Axis.X)];
        long scc = a.has(Axis.C) ? strides[a.indexOf(Axis.C)] : 0;
        double[] v = new double[(int) d.elementCount()];
        net.imglib2.Cursor<?> cur = net.imglib2.view.Views.flatIterable(plane.pixels()).cursor();
        for (int i = 0; cur.hasNext(); i++) {
            v[i] = ((net.imglib2.type.numeric.RealType<?>) cur.next()).getRealDouble();
        }
        for (int c = 0; c < nc; c++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[c][y * nx + x] = (float) v[(int) (c * scc + y * syy + x * sxx)];
                }
            }
        }
        return out;
    }

    private Map<String, String> provenance() throws IOException {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("omero-ilastik.project", projectName);
        kv.put("omero-ilastik.project.sha256", sha256(spec.project()));
        kv.put("omero-ilastik.workflow", project.summary().workflowName());
        kv.put("omero-ilastik.ilastik.version", project.summary().ilastikVersion());
        kv.put("omero-ilastik.version", VERSION);
        kv.put("omero-ilastik.engine", engine.describe());
        // How remote pixels were read; "rendered-8bit-lossy" marks results computed from rendered 8-bit planes.
        repo.rawData().pixelSource().ifPresent(s -> kv.put("omero-ilastik.pixels", s));
        kv.put("omero-ilastik.exports", spec.writeBack().stream().map(w -> w.name().toLowerCase()).sorted().toList().toString());
        kv.put("omero-ilastik.date", ZonedDateTime.now().toString());
        kv.put("omero-ilastik.user", System.getProperty("user.name", ""));
        return kv;
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The images a journal lists as done; a line torn by a crash counts as not done. */
    public static Set<Long> readJournal(Path journal) throws IOException {
        Set<Long> done = new HashSet<>();
        if (!Files.isRegularFile(journal)) {
            return done;
        }
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            try {
                JsonObject o = GSON.fromJson(line, JsonObject.class);
                if (o != null && "done".equals(o.get("state").getAsString())) {
                    done.add(o.get("image").getAsLong());
                }
            } catch (RuntimeException e) {
                // a line torn by a crash while it was written: that image was not finished
            }
        }
        return done;
    }

    /** Records that every write of an image succeeded (one JSON line, appended and forced to disk). */
    public static synchronized void appendJournal(Path journal, long imageId) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("image", imageId);
        o.addProperty("state", "done");
        o.addProperty("time", ZonedDateTime.now().toString());
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((GSON.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        }
    }

    /** Loads a project for a job, with a message naming the file when it cannot run. */
    public static PixelClassificationProject load(org.omeroilastik.ilp.IlpReader reader, Path ilp) throws IlpException {
        return PixelClassificationProject.load(reader.read(ilp));
    }
}
