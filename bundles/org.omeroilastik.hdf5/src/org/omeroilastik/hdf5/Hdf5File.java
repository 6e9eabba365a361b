package org.omeroilastik.hdf5;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.omeroilastik.internal.hdf5.DirectChunkReader;
import org.omeroilastik.internal.hdf5.ChunkFilters;
import org.omeroilastik.internal.hdf5.NativeHdf5;
import org.omeroilastik.internal.hdf5.RawCodec;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import hdf.hdf5lib.structs.H5G_info_t;

/**
 * An open HDF5 file. Paths are absolute within the file ({@code /PixelClassification/LabelNames})
 * or relative to the root. Every call holds the library's global lock, since libhdf5 is not
 * built thread-safe; callers parallelise around reads, not inside them.
 */
public final class Hdf5File implements AutoCloseable {
    /** Why the native library could not be loaded, reported by every open; null once loaded. */
    private static final Hdf5Exception LOAD_FAILURE = NativeHdf5.tryLoad();
    private static final Object LOCK = H5.class;
    // Touching HDF5Constants initialises H5, so it must come after the native library is set up.
    private static final long P_DEFAULT = LOAD_FAILURE == null ? HDF5Constants.H5P_DEFAULT : 0;

    private final Path path;
    private final boolean writable;
    /** Made by {@link #create}: nothing of value is lost by emptying it when its close fails. */
    private boolean created;
    private long fileId;
    /** With {@link #keepDatasetsOpenForReading}: each dataset's chunk cache, and the datasets kept open. */
    private long readCacheBytes;
    private final java.util.Map<String, Long> readDatasets = new java.util.HashMap<>();

    private Hdf5File(Path path, long fileId, boolean writable) {
        this.path = path;
        this.fileId = fileId;
        this.writable = writable;
    }

    /** Opens an existing file read-only. */
    public static Hdf5File open(Path path) throws Hdf5Exception {
        return open(path, false);
    }

    /** Opens an existing file for reading and writing. */
    public static Hdf5File openForUpdate(Path path) throws Hdf5Exception {
        return open(path, true);
    }

    private static Hdf5File open(Path path, boolean writable) throws Hdf5Exception {
        checkLoaded();
        if (!Files.exists(path)) {
            throw new Hdf5Exception(path + ": no such file");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new Hdf5Exception(path + ": not a readable file");
        }
        synchronized (LOCK) {
            boolean isHdf5;
            try {
                isHdf5 = H5.H5Fis_accessible(path.toString(), P_DEFAULT);
            } catch (HDF5Exception e) {
                isHdf5 = false;
            }
            if (!isHdf5) {
                throw new Hdf5Exception(path + ": not an HDF5 file");
            }
            try {
                long id = H5.H5Fopen(path.toString(),
                        writable ? HDF5Constants.H5F_ACC_RDWR : HDF5Constants.H5F_ACC_RDONLY, P_DEFAULT);
                return new Hdf5File(path, id, writable);
            } catch (HDF5Exception e) {
                throw new Hdf5Exception(path + ": cannot open HDF5 file (corrupt or truncated?): " + message(e), e);
            }
        }
    }

    /** Creates a new file, replacing any file at {@code path}. */
    public static Hdf5File create(Path path) throws Hdf5Exception {
        checkLoaded();
        synchronized (LOCK) {
            try {
                long id = H5.H5Fcreate(path.toString(), HDF5Constants.H5F_ACC_TRUNC, P_DEFAULT, P_DEFAULT);
                Hdf5File f = new Hdf5File(path, id, true);
                f.created = true;
                return f;
            } catch (HDF5Exception e) {
                throw new Hdf5Exception(path + ": cannot create HDF5 file: " + message(e), e);
            }
        }
    }

    private static void checkLoaded() throws Hdf5Exception {
        if (LOAD_FAILURE != null) {
            throw new Hdf5Exception(LOAD_FAILURE.getMessage(), LOAD_FAILURE);
        }
    }

    public Path path() {
        return path;
    }

    /** What {@code objectPath} names; {@link NodeKind#MISSING} if nothing (or a broken link). */
    public NodeKind kind(String objectPath) throws Hdf5Exception {
        synchronized (LOCK) {
            checkOpen();
            String p = normalize(objectPath);
            try {
                if (!p.equals("/") && !linksExist(p)) {
                    return NodeKind.MISSING;
                }
                long oid = H5.H5Oopen(fileId, p, P_DEFAULT);
                try {
                    int t = H5.H5Iget_type(oid);
                    if (t == HDF5Constants.H5I_GROUP) {
                        return NodeKind.GROUP;
                    } else if (t == HDF5Constants.H5I_DATASET) {
                        return NodeKind.DATASET;
                    }
                    return NodeKind.NAMED_DATATYPE;
                } finally {
                    H5.H5Oclose(oid);
                }
            } catch (HDF5Exception e) {
                return NodeKind.MISSING;
            }
        }
    }

    public boolean exists(String objectPath) throws Hdf5Exception {
        return kind(objectPath) != NodeKind.MISSING;
    }

    /** Names of the links in a group, in name order (as h5py lists them). */
    public List<String> children(String groupPath) throws Hdf5Exception {
        synchronized (LOCK) {
            checkOpen();
            String p = normalize(groupPath);
            try {
                long gid = H5.H5Gopen(fileId, p, P_DEFAULT);
                try {
                    H5G_info_t info = H5.H5Gget_info(gid);
                    List<String> names = new ArrayList<>((int) info.nlinks);
                    for (long i = 0; i < info.nlinks; i++) {
                        names.add(H5.H5Lget_name_by_idx(gid, ".", HDF5Constants.H5_INDEX_NAME,
                                HDF5Constants.H5_ITER_INC, i, P_DEFAULT));
                    }
                    return names;
                } finally {
                    H5.H5Gclose(gid);
                }
            } catch (HDF5Exception e) {
                throw error("cannot list group", p, e);
            }
        }
    }

    /** Shape, type, chunking and filters of a dataset. */
    public DatasetInfo datasetInfo(String datasetPath) throws Hdf5Exception {
        synchronized (LOCK) {
            checkOpen();
            String p = normalize(datasetPath);
            try (Ids ids = new Ids()) {
                long did = ids.dataset(H5.H5Dopen(fileId, p, P_DEFAULT));
                long tid = ids.type(H5.H5Dget_type(did));
                long sid = ids.space(H5.H5Dget_space(did));
                long dcpl = ids.plist(H5.H5Dget_create_plist(did));
                return new DatasetInfo(dims(sid), describe(tid), chunkShape(dcpl), filterNames(dcpl));
            } catch (HDF5Exception e) {
                throw error("cannot read dataset", p, e);
            }
        }
    }

    /** Reads a whole dataset. */
    public Hdf5Data read(String datasetPath) throws Hdf5Exception {
        return read(datasetPath, null, null);
    }

    /**
     * Reads the box {@code offset}..{@code offset+count} of a dataset (both in dataset order); null
     * offset and count read everything.
     */
    public Hdf5Data read(String datasetPath, long[] offset, long[] count) throws Hdf5Exception {
        synchronized (LOCK) {
            checkOpen();
            String p = normalize(datasetPath);
            try (Ids ids = new Ids()) {
                long did = readCacheBytes > 0 ? readDataset(p) : ids.dataset(H5.H5Dopen(fileId, p, P_DEFAULT));
                long tid = ids.type(H5.H5Dget_type(did));
                long fspace = ids.space(H5.H5Dget_space(did));
                long[] dims = dims(fspace);
                Hdf5Type type = describe(tid);
                long[] off = offset == null ? new long[dims.length] : offset.clone();
                long[] cnt = count == null ? dims.clone() : count.clone();
                checkRegion(p, dims, off, cnt);
                long dcpl = ids.plist(H5.H5Dget_create_plist(did));
                int[] filters = filterIds(dcpl);
                if (needsDirectChunkRead(filters)) {
                    if (type.typeClass() == Hdf5Type.TypeClass.VARIABLE_STRING) {
                        throw new Hdf5Exception(path + ": dataset " + p + ": variable-length strings behind an LZF filter are not supported");
                    }
                    byte[] raw = DirectChunkReader.read(did, dims, chunkShape(dcpl), filters, type.size(), off, cnt);
                    return new Hdf5Data(type, cnt, RawCodec.decode(raw, type, byteOrder(tid, type)));
                }
                long mspace = HDF5Constants.H5S_ALL;
                long fsel = HDF5Constants.H5S_ALL;
                if (offset != null && dims.length > 0) {
                    H5.H5Sselect_hyperslab(fspace, HDF5Constants.H5S_SELECT_SET, off, null, cnt, null);
                    mspace = ids.space(H5.H5Screate_simple(cnt.length, cnt, null));
                    fsel = fspace;
                }
                long n = Hdf5Data.elementCount(cnt);
                Object array = readElements(did, tid, type, mspace, fsel, n);
                return new Hdf5Data(type, cnt, array);
            } catch (HDF5Exception e) {
                throw error("cannot read dataset", p, e);
            } catch (java.io.IOException e) {
                throw new Hdf5Exception(path + ": dataset " + p + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * From now on, datasets read stay open until {@link #close()}, each with a chunk cache of
     * {@code chunkCacheBytes}: reads of neighbouring regions (the blocks of a run) then decompress each
     * chunk once instead of once per region. libhdf5's default cache is 1 MB per open dataset, smaller
     * than one chunk of a typical 3D image.
     */
    public void keepDatasetsOpenForReading(long chunkCacheBytes) {
        synchronized (LOCK) {
            readCacheBytes = chunkCacheBytes;
        }
    }

    private long readDataset(String p) throws HDF5Exception {
        Long open = readDatasets.get(p);
        if (open != null) {
            return open;
        }
        long dapl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_ACCESS);
        try {
            // A prime number of hash slots well above the chunks the cache holds; w0 as libhdf5's default.
            H5.H5Pset_chunk_cache(dapl, 10007, readCacheBytes, 0.75);
            long did = H5.H5Dopen(fileId, p, dapl);
            readDatasets.put(p, did);
            return did;
        } finally {
            H5.H5Pclose(dapl);
        }
    }

    /** Names of the attributes of an object, in name order. */
    public List<String> attributeNames(String objectPath) throws Hdf5Exception {
        synchronized (LOCK) {
            checkOpen();
            String p = normalize(objectPath);
            try {
                long oid = H5.H5Oopen(fileId, p, P_DEFAULT);
                try {
                    long n = H5.H5Oget_info(oid).num_attrs;
                    List<String> names = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        names.add(H5.H5Aget_name_by_idx(oid, ".", HDF5Constants.H5_INDEX_NAME,
                                HDF5Constants.H5_ITER_INC, i, P_DEFAULT));
                    }
                    return names;
                } finally {
                    H5.H5Oclose(oid);
                }
            } catch (HDF5Exception e) {
                throw error("cannot list attributes of", p, e);
            }
        }
    }

    /** Reads attribute {@code name} of an object. */
    public Hdf5Data readAttribute(String objectPath, String name) throws Hdf5Exception {
        synchronized (LOCK) {
            checkOpen();
            String p = normalize(objectPath);
            try (Ids ids = new Ids()) {
                long oid = ids.object(H5.H5Oopen(fileId, p, P_DEFAULT));
                long aid = ids.attribute(H5.H5Aopen(oid, name, P_DEFAULT));
                long tid = ids.type(H5.H5Aget_type(aid));
                long sid = ids.space(H5.H5Aget_space(aid));
                long[] dims = dims(sid);
                Hdf5Type type = describe(tid);
                int n = (int) Hdf5Data.elementCount(dims);
                Object array;
                if (type.typeClass() == Hdf5Type.TypeClass.VARIABLE_STRING) {
                    String[] s = new String[n];
                    H5.H5Aread_VLStrings(aid, tid, s);
                    array = s;
                } else {
                    byte[] raw = new byte[n * type.size()];
                    H5.H5Aread(aid, tid, raw, true);
                    array = type.typeClass() == Hdf5Type.TypeClass.STRING ? splitStrings(raw, type.size())
                            : RawCodec.decode(raw, type, byteOrder(tid, type));
                }
                return new Hdf5Data(type, dims, array);
            } catch (HDF5Exception e) {
                throw error("cannot read attribute '" + name + "' of", p, e);
            }
        }
    }

    /** A string attribute's value, empty when the object has no such attribute. */
    public Optional<String> stringAttribute(String objectPath, String name) throws Hdf5Exception {
        if (!attributeNames(objectPath).contains(name)) {
            return Optional.empty();
        }
        return Optional.of(readAttribute(objectPath, name).asString());
    }

    /** Creates a group and any missing parents. */
    public void createGroups(String groupPath) throws Hdf5Exception {
        synchronized (LOCK) {
            checkWritable();
            String p = normalize(groupPath);
            StringBuilder prefix = new StringBuilder();
            for (String part : p.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                prefix.append('/').append(part);
                String g = prefix.toString();
                try {
                    if (!H5.H5Lexists(fileId, g, P_DEFAULT)) {
                        H5.H5Gclose(H5.H5Gcreate(fileId, g, P_DEFAULT, P_DEFAULT, P_DEFAULT));
                    }
                } catch (HDF5Exception e) {
                    throw error("cannot create group", g, e);
                }
            }
        }
    }

    /**
     * Creates an empty numeric dataset (parents included), chunked with {@code chunk} and
     * gzip-compressed at {@code gzipLevel} (0 for none); a null chunk stores it contiguously.
     */
    public void createDataset(String datasetPath, Hdf5Type type, long[] shape, long[] chunk, int gzipLevel)
            throws Hdf5Exception {
        if (!type.isNumeric()) {
            throw new IllegalArgumentException("createDataset takes numeric types, not " + type);
        }
        synchronized (LOCK) {
            checkWritable();
            String p = normalize(datasetPath);
            int slash = p.lastIndexOf('/');
            if (slash > 0) {
                createGroups(p.substring(0, slash));
            }
            try (Ids ids = new Ids()) {
                long sid = ids.space(H5.H5Screate_simple(shape.length, shape, null));
                long dcpl = ids.plist(H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE));
                if (chunk != null) {
                    H5.H5Pset_chunk(dcpl, chunk.length, chunk);
                    if (gzipLevel > 0) {
                        H5.H5Pset_deflate(dcpl, gzipLevel);
                    }
                }
                ids.dataset(H5.H5Dcreate(fileId, p, fileType(type, ids), sid, P_DEFAULT, dcpl, P_DEFAULT));
            } catch (HDF5Exception e) {
                throw error("cannot create dataset", p, e);
            }
        }
    }

    /** Writes {@code block} into an existing dataset with its first element at {@code offset}. */
    public void write(String datasetPath, long[] offset, Hdf5Data block) throws Hdf5Exception {
        synchronized (LOCK) {
            checkWritable();
            String p = normalize(datasetPath);
            try (Ids ids = new Ids()) {
                long did = ids.dataset(H5.H5Dopen(fileId, p, P_DEFAULT));
                long fspace = ids.space(H5.H5Dget_space(did));
                long[] dims = dims(fspace);
                long[] cnt = block.shape();
                checkRegion(p, dims, offset, cnt);
                long mspace = HDF5Constants.H5S_ALL;
                long fsel = HDF5Constants.H5S_ALL;
                if (dims.length > 0) {
                    H5.H5Sselect_hyperslab(fspace, HDF5Constants.H5S_SELECT_SET, offset, null, cnt, null);
                    mspace = ids.space(H5.H5Screate_simple(cnt.length, cnt, null));
                    fsel = fspace;
                }
                // Booleans are stored as h5py's enum, which HDF5 will not convert from int8: write with the file type.
                long mtype = block.type().typeClass() == Hdf5Type.TypeClass.BOOLEAN ? ids.type(H5.H5Dget_type(did))
                        : memoryType(block.type());
                writeElements(did, block, mtype, mspace, fsel);
            } catch (HDF5Exception e) {
                throw error("cannot write dataset", p, e);
            }
        }
    }

    /** Creates a dataset holding {@code data} (strings are stored variable-length, UTF-8). */
    public void writeDataset(String datasetPath, Hdf5Data data, long[] chunk, int gzipLevel) throws Hdf5Exception {
        if (data.type().isString()) {
            synchronized (LOCK) {
                checkWritable();
                String p = normalize(datasetPath);
                int slash = p.lastIndexOf('/');
                if (slash > 0) {
                    createGroups(p.substring(0, slash));
                }
                try (Ids ids = new Ids()) {
                    long[] shape = data.shape();
                    long sid = ids.space(shape.length == 0 ? H5.H5Screate(HDF5Constants.H5S_SCALAR)
                            : H5.H5Screate_simple(shape.length, shape, null));
                    long tid = ids.type(variableStringType());
                    long did = ids.dataset(H5.H5Dcreate(fileId, p, tid, sid, P_DEFAULT, P_DEFAULT, P_DEFAULT));
                    H5.H5Dwrite_VLStrings(did, tid, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P_DEFAULT,
                            (String[]) data.array());
                } catch (HDF5Exception e) {
                    throw error("cannot write dataset", p, e);
                }
            }
            return;
        }
        createDataset(datasetPath, data.type(), data.shape(), data.rank() == 0 ? null : chunk, gzipLevel);
        write(datasetPath, new long[data.rank()], data);
    }

    /** Writes (or replaces) an attribute; strings are stored variable-length UTF-8, as h5py does. */
    public void writeAttribute(String objectPath, String name, Hdf5Data value) throws Hdf5Exception {
        synchronized (LOCK) {
            checkWritable();
            String p = normalize(objectPath);
            try (Ids ids = new Ids()) {
                long oid = ids.object(H5.H5Oopen(fileId, p, P_DEFAULT));
                if (H5.H5Aexists(oid, name)) {
                    H5.H5Adelete(oid, name);
                }
                long[] shape = value.shape();
                long sid = ids.space(shape.length == 0 ? H5.H5Screate(HDF5Constants.H5S_SCALAR)
                        : H5.H5Screate_simple(shape.length, shape, null));
                if (value.type().isString()) {
                    long tid = ids.type(variableStringType());
                    long aid = ids.attribute(H5.H5Acreate(oid, name, tid, sid, P_DEFAULT, P_DEFAULT));
                    H5.H5Awrite_VLStrings(aid, tid, value.asStrings().toArray(String[]::new));
                } else {
                    long tid = fileType(value.type(), ids);
                    long aid = ids.attribute(H5.H5Acreate(oid, name, tid, sid, P_DEFAULT, P_DEFAULT));
                    long mtype = value.type().typeClass() == Hdf5Type.TypeClass.BOOLEAN ? tid : memoryType(value.type());
                    H5.H5Awrite(aid, mtype, value.array());
                }
            } catch (HDF5Exception e) {
                throw error("cannot write attribute '" + name + "' of", p, e);
            }
        }
    }

    @Override
    public void close() throws Hdf5Exception {
        synchronized (LOCK) {
            if (fileId < 0) {
                return;
            }
            for (long did : readDatasets.values()) {
                try {
                    H5.H5Dclose(did);
                } catch (HDF5Exception e) {
                    // closing the file below reports what matters
                }
            }
            readDatasets.clear();
            try {
                H5.H5Fclose(fileId);
            } catch (HDF5Exception e) {
                NativeHdf5.skipLibraryCleanupAtExit(LOCK);
                if (created) {
                    releaseFailedFile();
                }
                throw new Hdf5Exception(path + ": cannot close: " + message(e) + WriteFailures.hint(path), e);
            } finally {
                fileId = -1;
            }
        }
    }

    /**
     * After a failed close (typically a full disk) HDF5 keeps the file open with unflushed metadata
     * (see {@link NativeHdf5#skipLibraryCleanupAtExit}). A file we created is incomplete anyway:
     * emptying it frees its disk space, so a second close may write the little metadata left and
     * release the file.
     */
    private void releaseFailedFile() {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        } catch (IOException | RuntimeException ignored) {
            // the retry below fails too then
        }
        try {
            H5.H5Fclose(fileId);
        } catch (HDF5Exception stillOpen) {
            // left to NativeHdf5's exit guard
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private boolean linksExist(String p) throws HDF5Exception {
        StringBuilder prefix = new StringBuilder();
        for (String part : p.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('/').append(part);
            if (!H5.H5Lexists(fileId, prefix.toString(), P_DEFAULT)) {
                return false;
            }
        }
        return true;
    }

    private Object readElements(long did, long tid, Hdf5Type type, long mspace, long fspace, long n)
            throws HDF5Exception {
        int count = Math.toIntExact(n);
        switch (type.typeClass()) {
            case INTEGER:
                long mtype = memoryType(type);
                switch (type.size()) {
                    case 1 -> {
                        byte[] b = new byte[count];
                        H5.H5Dread(did, mtype, mspace, fspace, P_DEFAULT, b, true);
                        return b;
                    }
                    case 2 -> {
                        short[] s = new short[count];
                        H5.H5Dread_short(did, mtype, mspace, fspace, P_DEFAULT, s, true);
                        return s;
                    }
                    case 4 -> {
                        int[] a = new int[count];
                        H5.H5Dread_int(did, mtype, mspace, fspace, P_DEFAULT, a, true);
                        return a;
                    }
                    default -> {
                        long[] l = new long[count];
                        H5.H5Dread_long(did, mtype, mspace, fspace, P_DEFAULT, l, true);
                        return l;
                    }
                }
            case FLOAT:
                if (type.size() == 8) {
                    double[] d = new double[count];
                    H5.H5Dread_double(did, HDF5Constants.H5T_NATIVE_DOUBLE, mspace, fspace, P_DEFAULT, d, true);
                    return d;
                } else {
                    float[] f = new float[count];
                    H5.H5Dread_float(did, HDF5Constants.H5T_NATIVE_FLOAT, mspace, fspace, P_DEFAULT, f, true);
                    return f;
                }
            case VARIABLE_STRING: {
                String[] s = new String[count];
                H5.H5Dread_VLStrings(did, tid, mspace, fspace, P_DEFAULT, s);
                return s;
            }
            default: {
                byte[] raw = new byte[Math.multiplyExact(count, type.size())];
                H5.H5Dread(did, tid, mspace, fspace, P_DEFAULT, raw, true);
                if (type.typeClass() == Hdf5Type.TypeClass.STRING) {
                    return splitStrings(raw, type.size());
                }
                return raw;
            }
        }
    }

    private static void writeElements(long did, Hdf5Data block, long mtype, long mspace, long fspace)
            throws HDF5Exception {
        Object a = block.array();
        if (a instanceof byte[] b) {
            H5.H5Dwrite(did, mtype, mspace, fspace, P_DEFAULT, b, true);
        } else if (a instanceof short[] s) {
            H5.H5Dwrite_short(did, mtype, mspace, fspace, P_DEFAULT, s, true);
        } else if (a instanceof int[] i) {
            H5.H5Dwrite_int(did, mtype, mspace, fspace, P_DEFAULT, i, true);
        } else if (a instanceof long[] l) {
            H5.H5Dwrite_long(did, mtype, mspace, fspace, P_DEFAULT, l, true);
        } else if (a instanceof float[] f) {
            H5.H5Dwrite_float(did, mtype, mspace, fspace, P_DEFAULT, f, true);
        } else if (a instanceof double[] d) {
            H5.H5Dwrite_double(did, mtype, mspace, fspace, P_DEFAULT, d, true);
        } else {
            throw new IllegalArgumentException("cannot write " + block.type() + " values");
        }
    }

    private static String[] splitStrings(byte[] raw, int size) {
        int n = size == 0 ? 0 : raw.length / size;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int end = i * size;
            int limit = end + size;
            while (end < limit && raw[end] != 0) {
                end++;
            }
            out[i] = new String(raw, i * size, end - i * size, StandardCharsets.UTF_8);
        }
        return out;
    }

    private static Hdf5Type describe(long tid) throws HDF5Exception {
        int cls = H5.H5Tget_class(tid);
        int size = (int) H5.H5Tget_size(tid);
        if (cls == HDF5Constants.H5T_INTEGER) {
            return Hdf5Type.integer(size, H5.H5Tget_sign(tid) == HDF5Constants.H5T_SGN_2);
        } else if (cls == HDF5Constants.H5T_FLOAT) {
            return Hdf5Type.floating(size);
        } else if (cls == HDF5Constants.H5T_STRING) {
            return H5.H5Tis_variable_str(tid) ? Hdf5Type.VARIABLE_STRING : new Hdf5Type(Hdf5Type.TypeClass.STRING, size, false);
        } else if (cls == HDF5Constants.H5T_ENUM) {
            long base = H5.H5Tget_super(tid);
            try {
                if (size == 1 && H5.H5Tget_nmembers(tid) == 2 && "FALSE".equals(H5.H5Tget_member_name(tid, 0))) {
                    return Hdf5Type.BOOLEAN;
                }
                return Hdf5Type.integer(size, H5.H5Tget_sign(base) == HDF5Constants.H5T_SGN_2);
            } finally {
                H5.H5Tclose(base);
            }
        } else if (cls == HDF5Constants.H5T_OPAQUE) {
            return new Hdf5Type(Hdf5Type.TypeClass.OPAQUE, size, false);
        }
        return new Hdf5Type(Hdf5Type.TypeClass.RAW, size, false);
    }

    private static ByteOrder byteOrder(long tid, Hdf5Type type) throws HDF5Exception {
        if (type.size() <= 1 || !type.isNumeric()) {
            return ByteOrder.nativeOrder();
        }
        int order;
        if (H5.H5Tget_class(tid) == HDF5Constants.H5T_ENUM) {
            long base = H5.H5Tget_super(tid);
            try {
                order = H5.H5Tget_order(base);
            } finally {
                H5.H5Tclose(base);
            }
        } else {
            order = H5.H5Tget_order(tid);
        }
        return order == HDF5Constants.H5T_ORDER_BE ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static long memoryType(Hdf5Type type) {
        return switch (type.typeClass()) {
            case BOOLEAN -> HDF5Constants.H5T_NATIVE_INT8;
            case FLOAT -> type.size() == 8 ? HDF5Constants.H5T_NATIVE_DOUBLE : HDF5Constants.H5T_NATIVE_FLOAT;
            case INTEGER -> switch (type.size()) {
                case 1 -> type.signed() ? HDF5Constants.H5T_NATIVE_INT8 : HDF5Constants.H5T_NATIVE_UINT8;
                case 2 -> type.signed() ? HDF5Constants.H5T_NATIVE_INT16 : HDF5Constants.H5T_NATIVE_UINT16;
                case 4 -> type.signed() ? HDF5Constants.H5T_NATIVE_INT32 : HDF5Constants.H5T_NATIVE_UINT32;
                default -> type.signed() ? HDF5Constants.H5T_NATIVE_INT64 : HDF5Constants.H5T_NATIVE_UINT64;
            };
            default -> throw new IllegalArgumentException("no memory type for " + type);
        };
    }

    /** File types as h5py writes them: little-endian numbers, bools as an int8 enum FALSE/TRUE. */
    private static long fileType(Hdf5Type type, Ids ids) throws HDF5Exception {
        return switch (type.typeClass()) {
            case FLOAT -> type.size() == 8 ? HDF5Constants.H5T_IEEE_F64LE : HDF5Constants.H5T_IEEE_F32LE;
            case BOOLEAN -> {
                long tid = ids.type(H5.H5Tenum_create(HDF5Constants.H5T_NATIVE_INT8));
                H5.H5Tenum_insert(tid, "FALSE", new byte[] {0});
                H5.H5Tenum_insert(tid, "TRUE", new byte[] {1});
                yield tid;
            }
            case INTEGER -> switch (type.size()) {
                case 1 -> type.signed() ? HDF5Constants.H5T_STD_I8LE : HDF5Constants.H5T_STD_U8LE;
                case 2 -> type.signed() ? HDF5Constants.H5T_STD_I16LE : HDF5Constants.H5T_STD_U16LE;
                case 4 -> type.signed() ? HDF5Constants.H5T_STD_I32LE : HDF5Constants.H5T_STD_U32LE;
                default -> type.signed() ? HDF5Constants.H5T_STD_I64LE : HDF5Constants.H5T_STD_U64LE;
            };
            default -> throw new IllegalArgumentException("no file type for " + type);
        };
    }

    private static long variableStringType() throws HDF5Exception {
        long tid = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        H5.H5Tset_size(tid, HDF5Constants.H5T_VARIABLE);
        H5.H5Tset_cset(tid, HDF5Constants.H5T_CSET_UTF8);
        return tid;
    }

    private static long[] dims(long spaceId) throws HDF5Exception {
        int rank = H5.H5Sget_simple_extent_ndims(spaceId);
        long[] dims = new long[rank];
        if (rank > 0) {
            H5.H5Sget_simple_extent_dims(spaceId, dims, null);
        }
        return dims;
    }

    private static long[] chunkShape(long dcpl) throws HDF5Exception {
        if (H5.H5Pget_layout(dcpl) != HDF5Constants.H5D_CHUNKED) {
            return new long[0];
        }
        long[] chunk = new long[32];
        int rank = H5.H5Pget_chunk(dcpl, chunk.length, chunk);
        return Arrays.copyOf(chunk, rank);
    }

    private static int[] filterIds(long dcpl) throws HDF5Exception {
        int n = H5.H5Pget_nfilters(dcpl);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            int[] flags = new int[1];
            long[] cdCount = {8};
            int[] cdValues = new int[8];
            String[] name = new String[1];
            int[] config = new int[1];
            ids[i] = H5.H5Pget_filter(dcpl, i, flags, cdCount, cdValues, 120, name, config);
        }
        return ids;
    }

    private static List<String> filterNames(long dcpl) throws HDF5Exception {
        List<String> names = new ArrayList<>();
        for (int id : filterIds(dcpl)) {
            names.add(switch (id) {
                case ChunkFilters.DEFLATE -> "deflate";
                case ChunkFilters.SHUFFLE -> "shuffle";
                case ChunkFilters.FLETCHER32 -> "fletcher32";
                case ChunkFilters.LZF -> "lzf";
                default -> "filter-" + id;
            });
        }
        return names;
    }

    /** True when a filter of the pipeline is missing from the library but decodable by us. */
    private static boolean needsDirectChunkRead(int[] filters) throws HDF5Exception {
        boolean missing = false;
        for (int id : filters) {
            if (H5.H5Zfilter_avail(id) <= 0) {
                if (!ChunkFilters.canDecode(id)) {
                    return false; // let the library report the unknown filter
                }
                missing = true;
            }
        }
        return missing;
    }

    private void checkRegion(String p, long[] dims, long[] off, long[] cnt) throws Hdf5Exception {
        if (off.length != dims.length || cnt.length != dims.length) {
            throw new Hdf5Exception(path + ": dataset " + p + " has rank " + dims.length + ", region has rank " + off.length);
        }
        for (int d = 0; d < dims.length; d++) {
            if (off[d] < 0 || cnt[d] < 0 || off[d] + cnt[d] > dims[d]) {
                throw new Hdf5Exception(path + ": dataset " + p + ": region " + Arrays.toString(off) + "+"
                        + Arrays.toString(cnt) + " lies outside shape " + Arrays.toString(dims));
            }
        }
    }

    private void checkOpen() throws Hdf5Exception {
        if (fileId < 0) {
            throw new Hdf5Exception(path + ": file is closed");
        }
    }

    private void checkWritable() throws Hdf5Exception {
        checkOpen();
        if (!writable) {
            throw new Hdf5Exception(path + ": opened read-only");
        }
    }

    private static String normalize(String p) {
        if (p == null || p.isEmpty()) {
            return "/";
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    private Hdf5Exception error(String what, String objectPath, Exception e) {
        boolean writing = what.startsWith("cannot write") || what.startsWith("cannot create");
        if (writing) {
            // The objects of a failed write may stay open inside HDF5 (see NativeHdf5).
            NativeHdf5.skipLibraryCleanupAtExit(LOCK);
        }
        String hint = writing ? WriteFailures.hint(path) : "";
        return new Hdf5Exception(path + ": " + what + " " + objectPath + ": " + message(e) + hint, e);
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    /** Closes HDF5 identifiers in reverse order of opening. */
    private static final class Ids implements AutoCloseable {
        private final List<long[]> open = new ArrayList<>();
        private static final int DATASET = 0, TYPE = 1, SPACE = 2, PLIST = 3, OBJECT = 4, ATTRIBUTE = 5;

        long dataset(long id) {
            return add(id, DATASET);
        }

        long type(long id) {
            return add(id, TYPE);
        }

        long space(long id) {
            return add(id, SPACE);
        }

        long plist(long id) {
            return add(id, PLIST);
        }

        long object(long id) {
            return add(id, OBJECT);
        }

        long attribute(long id) {
            return add(id, ATTRIBUTE);
        }

        private long add(long id, int kind) {
            open.add(new long[] {id, kind});
            return id;
        }

        @Override
        public void close() {
            for (int i = open.size() - 1; i >= 0; i--) {
                long id = open.get(i)[0];
                try {
                    switch ((int) open.get(i)[1]) {
                        case DATASET -> H5.H5Dclose(id);
                        case TYPE -> H5.H5Tclose(id);
                        case SPACE -> H5.H5Sclose(id);
                        case PLIST -> H5.H5Pclose(id);
                        case OBJECT -> H5.H5Oclose(id);
                        default -> H5.H5Aclose(id);
                    }
                } catch (HDF5Exception e) {
                    // Closing a handle can fail only if it is already invalid; nothing to recover.
                }
            }
        }
    }
}
