package org.omeroilastik.repository.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.OmeTiff;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;
import org.omeroilastik.model.repository.Channel;
import org.omeroilastik.model.repository.Dataset;
import org.omeroilastik.model.repository.Image;
import org.omeroilastik.model.repository.Plate;
import org.omeroilastik.model.repository.Project;
import org.omeroilastik.model.repository.Screen;
import org.omeroilastik.model.repository.Well;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.DataManager;
import org.omeroilastik.repository.RawData;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * A local repository folder. Records are small JSON files under {@code objects/} and
 * {@code images/ID/image.json}; pixels are ilastik HDF5 ({@code images/ID/pixels.h5}, dataset
 * {@code data} with axistags) or, for images imported from an OME-TIFF, that file as it was
 * ({@code images/ID/pixels.ome.tif}); the record's {@code file} says which, and pixels are read
 * through the format its name selects. Every change happens under an exclusive lock on {@code .lock}
 * (also against other processes) and every file is written to a temporary name and renamed, so
 * readers never see a half-written record and a crash leaves no partial object.
 */
public final class LocalRepository implements Repository, Browse, RawData, DataManager {
    private final LocalResults results;
    static final String FORMAT = "omero-ilastik-local";
    /** Pixels converted to ilastik HDF5, in this dataset. */
    static final String PIXELS_HDF5 = "pixels.h5";
    static final String HDF5_DATASET = "data";
    /** Pixels kept as the OME-TIFF they were imported from. */
    static final String PIXELS_OME_TIFF = "pixels.ome.tif";
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** One in-process lock per folder: FileLock guards against other processes only. */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final ImageFormats formats;

    private LocalRepository(Path root, ImageFormats formats) {
        this.root = root;
        this.formats = formats;
        this.results = new LocalResults(this);
    }

    static LocalRepository open(Path dir, boolean create, ImageFormats formats) throws RepositoryException {
        Path root = dir.toAbsolutePath().normalize();
        Path meta = root.resolve("repository.json");
        try {
            if (!Files.isRegularFile(meta)) {
                if (!create) {
                    throw new RepositoryException(root + ": no local repository here (repository.json is missing)");
                }
                if (Files.isDirectory(root)) {
                    try (Stream<Path> s = Files.list(root)) {
                        if (s.findAny().isPresent()) {
                            throw new RepositoryException(root + ": not empty and not a local repository; choose an empty folder");
                        }
                    }
                }
                Files.createDirectories(root.resolve("objects"));
                Files.createDirectories(root.resolve("images"));
                JsonObject o = new JsonObject();
                o.addProperty("format", FORMAT);
                o.addProperty("version", 1);
                o.addProperty("nextId", 1);
                writeAtomically(meta, GSON.toJson(o));
            }
            JsonObject o = GSON.fromJson(Files.readString(meta), JsonObject.class);
            if (o == null || !FORMAT.equals(o.has("format") ? o.get("format").getAsString() : null)) {
                throw new RepositoryException(meta + ": not an omero-ilastik local repository");
            }
        } catch (IOException e) {
            throw e instanceof RepositoryException re ? re : new RepositoryException(root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RepositoryException(meta + ": corrupt repository record: " + e.getMessage(), e);
        }
        return new LocalRepository(root, formats);
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return "local:" + root;
    }

    @Override
    public Browse browse() {
        return this;
    }

    @Override
    public RawData rawData() {
        return this;
    }

    @Override
    public DataManager dataManager() {
        return this;
    }

    @Override
    public org.omeroilastik.repository.ResultWriter results() {
        return results;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    // ---- records --------------------------------------------------------------------------------

    record ProjectRecord(long id, String name, String description, List<Long> datasets) {
    }

    record DatasetRecord(long id, String name, String description, List<Long> images) {
    }

    record ScreenRecord(long id, String name, String description, List<Long> plates) {
    }

    record PlateRecord(long id, String name, int rows, int columns, List<Long> wells) {
    }

    record WellRecord(long id, int row, int column, List<Long> fields) {
    }

    /**
     * An image; {@code dataset} is null for a file without datasets (OME-TIFF), {@code physicalSizes}
     * (axis letter to size) null when none is known. Records written before a field existed read it as null.
     */
    record ImageRecord(long id, String name, String axes, long[] shape, String pixelType, String file, String dataset,
            Long derivedFrom, String importedFrom, String key, Map<String, PhysicalSize> physicalSizes) {
    }

    /**
     * The physical sizes worth recording: those with a unit (OME-TIFF gives them). ilastik's axistags
     * carry none, and a size without a unit would make the batch's measurement columns unitless; it
     * stays in the HDF5 file. Null when there is none, so the record has no such field.
     */
    static Map<String, PhysicalSize> recordedSizes(ImageDescriptor d) {
        Map<String, PhysicalSize> out = new TreeMap<>();
        d.physicalSizes().forEach((axis, size) -> {
            if (!size.unit().isEmpty()) {
                out.put(String.valueOf(axis.key()), size);
            }
        });
        return out.isEmpty() ? null : out;
    }

    private Path object(String kind, long id) {
        return root.resolve("objects").resolve(kind + "-" + id + ".json");
    }

    Path imageDir(long id) {
        return root.resolve("images").resolve(Long.toString(id));
    }

    private <T> T read(Path file, Class<T> type, String what) throws RepositoryException {
        if (!Files.isRegularFile(file)) {
            throw new RepositoryException(location() + ": no " + what);
        }
        try {
            return GSON.fromJson(Files.readString(file), type);
        } catch (IOException | RuntimeException e) {
            throw new RepositoryException(file + ": unreadable record: " + e.getMessage(), e);
        }
    }

    private <T> List<T> all(String kind, Class<T> type) throws RepositoryException {
        try (Stream<Path> s = Files.list(root.resolve("objects"))) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith(kind + "-") && p.toString().endsWith(".json"))
                    .sorted(Comparator.comparingLong(LocalRepository::idOf)).toList();
            List<T> out = new ArrayList<>();
            for (Path p : files) {
                out.add(read(p, type, kind));
            }
            return out;
        } catch (IOException e) {
            throw new RepositoryException(location() + ": " + e.getMessage(), e);
        }
    }

    private static long idOf(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(n.indexOf('-') + 1, n.length() - 5));
    }

    List<ImageRecord> allImages() throws RepositoryException {
        try (Stream<Path> s = Files.list(root.resolve("images"))) {
            List<Path> dirs = s.filter(p -> Files.isRegularFile(p.resolve("image.json")))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString()))).toList();
            List<ImageRecord> out = new ArrayList<>();
            for (Path d : dirs) {
                out.add(read(d.resolve("image.json"), ImageRecord.class, "image"));
            }
            return out;
        } catch (IOException | NumberFormatException e) {
            throw new RepositoryException(location() + ": " + e.getMessage(), e);
        }
    }

    private static Image toImage(ImageRecord r) {
        Map<Axis, PhysicalSize> sizes = new EnumMap<>(Axis.class);
        if (r.physicalSizes() != null) {
            r.physicalSizes().forEach((key, size) -> sizes.put(Axis.ofKey(key.charAt(0)), size));
        }
        return new Image(r.id(), r.name(), new ImageDescriptor(AxisOrder.of(r.axes()), r.shape(), PixelType.ofNumpyName(r.pixelType()), sizes));
    }

    // ---- Browse -----------------------------------------------------------------------------------

    @Override
    public List<Project> projects() throws RepositoryException {
        return all("project", ProjectRecord.class).stream().map(r -> new Project(r.id(), r.name(), r.description())).toList();
    }

    @Override
    public List<Dataset> datasets(long projectId) throws RepositoryException {
        ProjectRecord p = read(object("project", projectId), ProjectRecord.class, "project " + projectId);
        List<Dataset> out = new ArrayList<>();
        for (long id : p.datasets()) {
            out.add(dataset(id));
        }
        return out;
    }

    @Override
    public List<Dataset> orphanedDatasets() throws RepositoryException {
        Set<Long> linked = new HashSet<>();
        for (ProjectRecord p : all("project", ProjectRecord.class)) {
            linked.addAll(p.datasets());
        }
        return all("dataset", DatasetRecord.class).stream().filter(d -> !linked.contains(d.id()))
                .map(d -> new Dataset(d.id(), d.name(), d.description())).toList();
    }

    @Override
    public Dataset dataset(long id) throws RepositoryException {
        DatasetRecord d = read(object("dataset", id), DatasetRecord.class, "dataset " + id);
        return new Dataset(d.id(), d.name(), d.description());
    }

    @Override
    public List<Image> images(long datasetId) throws RepositoryException {
        DatasetRecord d = read(object("dataset", datasetId), DatasetRecord.class, "dataset " + datasetId);
        List<Image> out = new ArrayList<>();
        for (long id : d.images()) {
            out.add(image(id));
        }
        return out;
    }

    @Override
    public List<Image> orphanedImages() throws RepositoryException {
        Set<Long> linked = new HashSet<>();
        for (DatasetRecord d : all("dataset", DatasetRecord.class)) {
            linked.addAll(d.images());
        }
        for (WellRecord w : all("well", WellRecord.class)) {
            linked.addAll(w.fields());
        }
        return allImages().stream().filter(r -> !linked.contains(r.id()) && r.derivedFrom() == null).map(LocalRepository::toImage).toList();
    }

    @Override
    public List<Screen> screens() throws RepositoryException {
        return all("screen", ScreenRecord.class).stream().map(r -> new Screen(r.id(), r.name(), r.description())).toList();
    }

    @Override
    public List<Plate> plates(long screenId) throws RepositoryException {
        ScreenRecord s = read(object("screen", screenId), ScreenRecord.class, "screen " + screenId);
        List<Plate> out = new ArrayList<>();
        for (long id : s.plates()) {
            PlateRecord p = read(object("plate", id), PlateRecord.class, "plate " + id);
            out.add(new Plate(p.id(), p.name(), p.rows(), p.columns()));
        }
        return out;
    }

    @Override
    public List<Well> wells(long plateId) throws RepositoryException {
        PlateRecord p = read(object("plate", plateId), PlateRecord.class, "plate " + plateId);
        List<Well> out = new ArrayList<>();
        for (long id : p.wells()) {
            WellRecord w = read(object("well", id), WellRecord.class, "well " + id);
            out.add(new Well(w.id(), w.row(), w.column(), w.fields()));
        }
        return out;
    }

    @Override
    public Image image(long id) throws RepositoryException {
        return toImage(imageRecord(id));
    }

    ImageRecord imageRecord(long id) throws RepositoryException {
        return read(imageDir(id).resolve("image.json"), ImageRecord.class, "image " + id);
    }

    @Override
    public Optional<Long> derivedFrom(long imageId) throws RepositoryException {
        return Optional.ofNullable(imageRecord(imageId).derivedFrom());
    }

    @Override
    public Counts counts(long imageId) throws RepositoryException {
        int derived = 0;
        for (ImageRecord r : allImages()) {
            derived += r.derivedFrom() != null && r.derivedFrom() == imageId ? 1 : 0;
        }
        return results.counts(org.omeroilastik.repository.ResultWriter.Owner.IMAGE, imageId).plus(new Counts(0, 0, 0, derived, 0));
    }

    @Override
    public byte[] thumbnail(long imageId, int size) throws RepositoryException {
        return org.omeroilastik.repository.Thumbnails.render(this, imageId, size);
    }

    /** The folder keeps no channel metadata, so the defaults (see {@link Channel#defaults}). */
    @Override
    public List<Channel> channels(long imageId) throws RepositoryException {
        ImageDescriptor d = image(imageId).pixels();
        return Channel.defaults((int) d.channels(), d.pixelType());
    }

    @Override
    public List<Image> derivedImages(long imageId) throws RepositoryException {
        return allImages().stream().filter(r -> r.derivedFrom() != null && r.derivedFrom() == imageId)
                .sorted(Comparator.comparingLong(ImageRecord::id)).map(LocalRepository::toImage).toList();
    }

    @Override
    public List<org.omeroilastik.model.results.Roi> rois(long imageId) throws RepositoryException {
        image(imageId);
        return results.rois(imageId);
    }

    @Override
    public List<org.omeroilastik.model.results.Table> tables(long imageId) throws RepositoryException {
        image(imageId);
        return results.tables(imageId);
    }

    @Override
    public Counts datasetCounts(long datasetId) throws RepositoryException {
        return results.counts(org.omeroilastik.repository.ResultWriter.Owner.DATASET, datasetId);
    }

    // ---- RawData ---------------------------------------------------------------------------------------

    @Override
    public ImageDescriptor pixels(long imageId) throws RepositoryException {
        return image(imageId).pixels();
    }

    @Override
    public NdImage read(long imageId, long[] offset, long[] count) throws RepositoryException {
        ImageSource source = localSource(imageId).orElseThrow();
        ImageFormat format = formats.forFile(source.file())
                .orElseThrow(() -> new RepositoryException(location() + ": image " + imageId + ": no image format reads " + source.file()));
        try {
            return format.readRegion(source, offset, count);
        } catch (ImageIoException e) {
            throw new RepositoryException(location() + ": image " + imageId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ImageSource> localSource(long imageId) throws RepositoryException {
        ImageRecord r = imageRecord(imageId);
        Optional<String> dataset = Optional.ofNullable(r.dataset()).filter(d -> !d.isEmpty());
        return Optional.of(new ImageSource(imageDir(imageId).resolve(r.file()), dataset, Optional.of(AxisOrder.of(r.axes()))));
    }

    // ---- DataManager --------------------------------------------------------------------------------

    @Override
    public Project createProject(String name, String description) throws RepositoryException {
        return locked(() -> {
            long id = nextId();
            write(object("project", id), new ProjectRecord(id, name, description == null ? "" : description, List.of()));
            return new Project(id, name, description);
        });
    }

    @Override
    public Dataset createDataset(String name, String description, Optional<Long> projectId) throws RepositoryException {
        return locked(() -> {
            ProjectRecord project = null;
            if (projectId.isPresent()) {
                project = read(object("project", projectId.get()), ProjectRecord.class, "project " + projectId.get());
            }
            long id = nextId();
            write(object("dataset", id), new DatasetRecord(id, name, description == null ? "" : description, List.of()));
            if (project != null) {
                List<Long> ds = new ArrayList<>(project.datasets());
                ds.add(id);
                write(object("project", project.id()), new ProjectRecord(project.id(), project.name(), project.description(), ds));
            }
            return new Dataset(id, name, description);
        });
    }

    @Override
    public Image importImage(long datasetId, ImageSource source, String name) throws RepositoryException {
        return locked(() -> {
            DatasetRecord d = read(object("dataset", datasetId), DatasetRecord.class, "dataset " + datasetId);
            long id = storeImage(source, name);
            List<Long> images = new ArrayList<>(d.images());
            images.add(id);
            write(object("dataset", datasetId), new DatasetRecord(d.id(), d.name(), d.description(), images));
            return image(id);
        });
    }

    @Override
    public Screen createScreen(String name, String description) throws RepositoryException {
        return locked(() -> {
            long id = nextId();
            write(object("screen", id), new ScreenRecord(id, name, description == null ? "" : description, List.of()));
            return new Screen(id, name, description == null ? "" : description);
        });
    }

    @Override
    public Plate createPlate(long screenId, String name, int rows, int columns) throws RepositoryException {
        if (rows < 1 || columns < 1) {
            throw new RepositoryException("plate \"" + name + "\": needs at least one row and column, not " + rows + "x" + columns);
        }
        return locked(() -> {
            ScreenRecord screen = read(object("screen", screenId), ScreenRecord.class, "screen " + screenId);
            long id = nextId();
            write(object("plate", id), new PlateRecord(id, name, rows, columns, List.of()));
            List<Long> plates = new ArrayList<>(screen.plates());
            plates.add(id);
            write(object("screen", screenId), new ScreenRecord(screen.id(), screen.name(), screen.description(), plates));
            return new Plate(id, name, rows, columns);
        });
    }

    @Override
    public Image importField(long plateId, int row, int column, ImageSource source, String name) throws RepositoryException {
        return locked(() -> {
            PlateRecord plate = read(object("plate", plateId), PlateRecord.class, "plate " + plateId);
            if (row < 0 || column < 0 || row >= plate.rows() || column >= plate.columns()) {
                throw new RepositoryException("plate " + plateId + " has " + plate.rows() + "x" + plate.columns() + " wells, no well at row "
                        + row + ", column " + column);
            }
            long id = storeImage(source, name);
            WellRecord well = null;
            for (long w : plate.wells()) {
                WellRecord r = read(object("well", w), WellRecord.class, "well " + w);
                if (r.row() == row && r.column() == column) {
                    well = r;
                }
            }
            if (well == null) {
                well = new WellRecord(nextId(), row, column, List.of());
                List<Long> wells = new ArrayList<>(plate.wells());
                wells.add(well.id());
                write(object("plate", plateId), new PlateRecord(plate.id(), plate.name(), plate.rows(), plate.columns(), wells));
            }
            List<Long> fields = new ArrayList<>(well.fields());
            fields.add(id);
            write(object("well", well.id()), new WellRecord(well.id(), row, column, fields));
            return image(id);
        });
    }

    /**
     * Copies the pixels into a new image folder (under the lock); the image appears whole or not at
     * all. An OME-TIFF is kept as it is (its OME-XML, physical sizes included, stays readable by Fiji
     * and Bio-Formats); everything else is converted to ilastik HDF5.
     */
    private long storeImage(ImageSource source, String name) throws RepositoryException {
        ImageFormat in = formats.forFile(source.file()).orElseThrow(() -> new RepositoryException(source.file() + ": unsupported image file type"));
        boolean keepOmeTiff;
        NdImage image = null;
        ImageDescriptor px;
        try {
            keepOmeTiff = OmeTiff.isOmeTiff(source.file());
            if (keepOmeTiff) {
                // Headers only: the OME-XML parses and maps every plane to a page; one pixel proves the
                // pages decode. Its planes are read when needed, never all at once.
                px = in.describe(source);
                in.readRegion(source, new long[px.shape().length], ones(px.shape().length));
            } else {
                image = in.read(source);
                px = image.descriptor();
            }
        } catch (ImageIoException e) {
            throw new RepositoryException(e.getMessage(), e);
        }
        long id = nextId();
        Path dir = imageDir(id);
        Path staging = root.resolve("images").resolve(".import-" + id);
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            String file;
            String dataset;
            if (keepOmeTiff) {
                file = PIXELS_OME_TIFF;
                dataset = null;
                Files.copy(source.file(), staging.resolve(file));
            } else {
                file = PIXELS_HDF5;
                dataset = HDF5_DATASET;
                formats.byId("hdf5").orElseThrow().write(image, new ImageTarget(staging.resolve(file), dataset, 4));
            }
            ImageRecord r = new ImageRecord(id, name, px.axes().keys(), px.shape(), px.pixelType().numpyName(), file, dataset, null,
                    source.describe(), null, recordedSizes(px));
            writeAtomically(staging.resolve("image.json"), GSON.toJson(r));
            // The image appears whole or not at all: its folder is renamed into place, then linked.
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // best effort; a stale .import-ID folder is ignored by readers
            }
            throw new RepositoryException(location() + ": cannot import " + source.describe() + ": " + e.getMessage(), e);
        }
        return id;
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    // ---- locking and atomic writes -----------------------------------------------------------------------

    interface Action<T> {
        T run() throws RepositoryException;
    }

    <T> T locked(Action<T> action) throws RepositoryException {
        ReentrantLock jvmLock = LOCKS.computeIfAbsent(root, k -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            return action.run();
        } catch (IOException e) {
            throw e instanceof RepositoryException re ? re : new RepositoryException(location() + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    long nextId() throws RepositoryException {
        Path meta = root.resolve("repository.json");
        try {
            JsonObject o = GSON.fromJson(Files.readString(meta), JsonObject.class);
            long id = o.get("nextId").getAsLong();
            o.addProperty("nextId", id + 1);
            writeAtomically(meta, GSON.toJson(o));
            return id;
        } catch (IOException e) {
            throw new RepositoryException(meta + ": " + e.getMessage(), e);
        }
    }

    private void write(Path file, Object record) throws RepositoryException {
        try {
            writeAtomically(file, GSON.toJson(record));
        } catch (IOException e) {
            throw new RepositoryException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
