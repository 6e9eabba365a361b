package org.omeroilastik.repository.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.omeroilastik.hdf5.Hdf5Data;
import org.omeroilastik.hdf5.Hdf5File;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.model.results.Table;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.ResultWriter;
import org.omeroilastik.repository.TableCsv;

/**
 * Results of a local repository: {@code results/OWNER-ID/SLUG/} per output key, holding
 * {@code key.txt} and one of {@code rois.json}, {@code table.csv} (with {@code table.h5}), {@code annotations.json} or the
 * attached file. An output is written in a staging folder and swapped in, so a key shows either its
 * old or its new content, never a half-written one; a derived image is a separate image record
 * ({@code derivedFrom}, {@code key}) that keeps its id when replaced.
 */
final class LocalResults implements ResultWriter {
    private final LocalRepository repo;

    LocalResults(LocalRepository repo) {
        this.repo = repo;
    }

    private Path ownerDir(Owner owner, long id) {
        return repo.root().resolve("results").resolve(owner.name().toLowerCase() + "-" + id);
    }

    static String slug(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String clean = key.replaceAll("[^A-Za-z0-9._-]+", "_");
            if (clean.length() > 60) {
                clean = clean.substring(0, 60);
            }
            return clean + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Content {
        void write(Path folder) throws IOException;
    }

    /** Writes one output folder under the lock: staged, then swapped in for the key's old one. */
    private void put(Owner owner, long id, String key, Content content) throws RepositoryException {
        repo.locked(() -> {
            Path dir = ownerDir(owner, id);
            String slug = slug(key);
            Path staging = dir.resolve(".new-" + slug);
            Path target = dir.resolve(slug);
            Path old = dir.resolve(".old-" + slug);
            try {
                Files.createDirectories(dir);
                LocalRepository.deleteTree(staging);
                LocalRepository.deleteTree(old);
                Files.createDirectories(staging);
                Files.writeString(staging.resolve("key.txt"), key);
                content.write(staging);
                if (Files.exists(target)) {
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                LocalRepository.deleteTree(old);
                return null;
            } catch (IOException e) {
                try {
                    LocalRepository.deleteTree(staging);
                    if (!Files.exists(target) && Files.exists(old)) {
                        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (IOException ignored) {
                    // the key keeps whatever complete content is left; staging folders are ignored by readers
                }
                throw new RepositoryException(repo.location() + ": cannot write " + key + " on " + owner.name().toLowerCase() + " " + id
                        + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void putRois(long imageId, String key, List<Roi> rois) throws RepositoryException {
        repo.image(imageId);
        put(Owner.IMAGE, imageId, key, dir -> LocalRepository.writeAtomically(dir.resolve("rois.json"), LocalRepository.GSON.toJson(rois)));
    }

    @Override
    public void putTable(Owner owner, long id, String key, Table table) throws RepositoryException {
        put(owner, id, key, dir -> {
            StringBuilder sb = new StringBuilder(String.join(",", table.columns().stream().map(LocalResults::csv).toList())).append('\n');
            for (List<Object> row : table.rows()) {
                sb.append(String.join(",", row.stream().map(v -> csv(String.valueOf(v))).toList())).append('\n');
            }
            LocalRepository.writeAtomically(dir.resolve("table.csv"), sb.toString());
            writeHdf5Table(dir.resolve("table.h5"), table);
        });
    }

    /**
     * The same table as HDF5, column by column (what pandas and h5py read without a schema): group
     * {@code /table} with the column names in order in its {@code columns} attribute and one 1-D
     * dataset per column: int64 where every value is an integer, float64 where every value is a
     * number, else UTF-8 strings.
     */
    private static void writeHdf5Table(Path file, Table table) throws IOException {
        try (Hdf5File f = Hdf5File.create(file)) {
            f.createGroups("/table");
            f.writeAttribute("/table", "columns", Hdf5Data.strings(table.columns()));
            long[] shape = {table.rows().size()};
            Set<String> names = new HashSet<>();
            for (int c = 0; c < table.columns().size(); c++) {
                String name = table.columns().get(c).replace('/', '_');
                if (name.isEmpty() || !names.add(name)) {
                    throw new IOException("table column " + (c + 1) + " (\"" + table.columns().get(c) + "\") is empty or repeated");
                }
                f.writeDataset("/table/" + name, column(table, c, shape), null, 0);
            }
        }
    }

    private static Hdf5Data column(Table table, int c, long[] shape) {
        int n = table.rows().size();
        boolean integral = true;
        boolean numeric = true;
        for (List<Object> row : table.rows()) {
            Object v = row.get(c);
            integral &= v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
            numeric &= v instanceof Number;
        }
        if (integral) {
            long[] values = new long[n];
            for (int r = 0; r < n; r++) {
                values[r] = ((Number) table.rows().get(r).get(c)).longValue();
            }
            return Hdf5Data.of(shape, values, true);
        }
        if (numeric) {
            double[] values = new double[n];
            for (int r = 0; r < n; r++) {
                values[r] = ((Number) table.rows().get(r).get(c)).doubleValue();
            }
            return Hdf5Data.of(shape, values);
        }
        return Hdf5Data.strings(table.rows().stream().map(row -> String.valueOf(row.get(c))).toList());
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    @Override
    public void putAttachment(Owner owner, long id, String key, Path file) throws RepositoryException {
        if (!Files.isRegularFile(file)) {
            throw new RepositoryException(file + ": no such file to attach");
        }
        put(owner, id, key, dir -> Files.copy(file, dir.resolve("attachment-" + file.getFileName())));
    }

    @Override
    public void putAnnotations(Owner owner, long id, String key, Map<String, String> pairs) throws RepositoryException {
        put(owner, id, key, dir -> LocalRepository.writeAtomically(dir.resolve("annotations.json"),
                LocalRepository.GSON.toJson(new TreeMap<>(pairs))));
    }

    @Override
    public DerivedImage derivedImage(long sourceImageId, String key, String name, ImageDescriptor pixels) throws RepositoryException {
        repo.image(sourceImageId);
        long id = repo.locked(() -> {
            Optional<LocalRepository.ImageRecord> existing = repo.allImages().stream()
                    .filter(r -> r.derivedFrom() != null && r.derivedFrom() == sourceImageId && key.equals(r.key())).findFirst();
            return existing.isPresent() ? existing.get().id() : repo.nextId();
        });
        Path staging = repo.root().resolve("images").resolve(".derived-" + id);
        try {
            LocalRepository.deleteTree(staging);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new RepositoryException(repo.location() + ": " + e.getMessage(), e);
        }
        ImageTarget target = new ImageTarget(staging.resolve(LocalRepository.PIXELS_HDF5), LocalRepository.HDF5_DATASET, 4);
        return new DerivedImage() {
            @Override
            public ImageTarget target() {
                return target;
            }

            @Override
            public long commit() throws RepositoryException {
                return repo.locked(() -> {
                    LocalRepository.ImageRecord r = new LocalRepository.ImageRecord(id, name, pixels.axes().keys(), pixels.shape(),
                            pixels.pixelType().numpyName(), LocalRepository.PIXELS_HDF5, LocalRepository.HDF5_DATASET, sourceImageId, null, key,
                            LocalRepository.recordedSizes(pixels));
                    Path dir = repo.imageDir(id);
                    Path old = repo.root().resolve("images").resolve(".old-" + id);
                    try {
                        LocalRepository.writeAtomically(staging.resolve("image.json"), LocalRepository.GSON.toJson(r));
                        LocalRepository.deleteTree(old);
                        if (Files.exists(dir)) {
                            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
                        }
                        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                        LocalRepository.deleteTree(old);
                        return id;
                    } catch (IOException e) {
                        throw new RepositoryException(repo.location() + ": cannot commit derived image " + id + ": " + e.getMessage(), e);
                    }
                });
            }

            @Override
            public void discard() {
                try {
                    LocalRepository.deleteTree(staging);
                } catch (IOException ignored) {
                    // a stale .derived-ID folder is ignored by readers and cleared by the next write of the key
                }
            }
        };
    }

    @Override
    public int removeAll(String keyPrefix) throws RepositoryException {
        return repo.locked(() -> {
            int removed = 0;
            try {
                Path results = repo.root().resolve("results");
                if (Files.isDirectory(results)) {
                    try (Stream<Path> owners = Files.list(results)) {
                        for (Path owner : owners.toList()) {
                            try (Stream<Path> outputs = Files.list(owner)) {
                                for (Path out : outputs.toList()) {
                                    Path keyFile = out.resolve("key.txt");
                                    if (Files.isRegularFile(keyFile) && Files.readString(keyFile).startsWith(keyPrefix)) {
                                        LocalRepository.deleteTree(out);
                                        removed++;
                                    }
                                }
                            }
                        }
                    }
                }
                for (LocalRepository.ImageRecord r : repo.allImages()) {
                    if (r.derivedFrom() != null && r.key() != null && r.key().startsWith(keyPrefix)) {
                        LocalRepository.deleteTree(repo.imageDir(r.id()));
                        removed++;
                    }
                }
                return removed;
            } catch (IOException e) {
                throw new RepositoryException(repo.location() + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public int remove(String keyPrefix, Owner owner, long id) throws RepositoryException {
        return repo.locked(() -> {
            int removed = 0;
            try {
                Path dir = ownerDir(owner, id);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> outputs = Files.list(dir)) {
                        for (Path out : outputs.toList()) {
                            Path keyFile = out.resolve("key.txt");
                            if (Files.isRegularFile(keyFile) && Files.readString(keyFile).startsWith(keyPrefix)) {
                                LocalRepository.deleteTree(out);
                                removed++;
                            }
                        }
                    }
                }
                if (owner == Owner.IMAGE) {
                    for (LocalRepository.ImageRecord r : repo.allImages()) {
                        if (r.derivedFrom() != null && r.derivedFrom() == id && r.key() != null && r.key().startsWith(keyPrefix)) {
                            LocalRepository.deleteTree(repo.imageDir(r.id()));
                            removed++;
                        }
                    }
                }
                return removed;
            } catch (IOException e) {
                throw new RepositoryException(repo.location() + ": " + e.getMessage(), e);
            }
        });
    }

    /** The ROIs of every key on an image, in key-folder order. */
    List<Roi> rois(long imageId) throws RepositoryException {
        Path dir = ownerDir(Owner.IMAGE, imageId);
        List<Roi> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> outputs = Files.list(dir)) {
            for (Path o : outputs.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                Path file = o.resolve("rois.json");
                if (Files.isRegularFile(file)) {
                    out.addAll(List.of(LocalRepository.GSON.fromJson(Files.readString(file), Roi[].class)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RepositoryException(dir + ": unreadable ROIs: " + e.getMessage(), e);
        }
        return out;
    }

    /** The tables on an image ({@code table.csv} of every key), in key-folder order, as the ROIs. */
    List<Table> tables(long imageId) throws RepositoryException {
        Path dir = ownerDir(Owner.IMAGE, imageId);
        List<Table> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> outputs = Files.list(dir)) {
            for (Path o : outputs.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                Path file = o.resolve("table.csv");
                if (Files.isRegularFile(file)) {
                    out.add(TableCsv.parse(Files.readString(file), file.toString()));
                }
            }
        } catch (IOException e) {
            throw new RepositoryException(dir + ": unreadable table: " + e.getMessage(), e);
        }
        return out;
    }

    /** What hangs on an owner: ROIs (counted one by one), tables, attachments, annotation sets. */
    Counts counts(Owner owner, long id) throws RepositoryException {
        Path dir = ownerDir(owner, id);
        if (!Files.isDirectory(dir)) {
            return Counts.NONE;
        }
        int rois = 0, tables = 0, attachments = 0, annotations = 0;
        try (Stream<Path> outputs = Files.list(dir)) {
            for (Path out : outputs.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                if (Files.isRegularFile(out.resolve("rois.json"))) {
                    Roi[] r = LocalRepository.GSON.fromJson(Files.readString(out.resolve("rois.json")), Roi[].class);
                    rois += r.length;
                } else if (Files.isRegularFile(out.resolve("table.csv"))) {
                    tables++;
                } else if (Files.isRegularFile(out.resolve("annotations.json"))) {
                    annotations++;
                } else {
                    attachments++;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RepositoryException(dir + ": unreadable results: " + e.getMessage(), e);
        }
        return new Counts(rois, tables, attachments, 0, annotations);
    }
}
