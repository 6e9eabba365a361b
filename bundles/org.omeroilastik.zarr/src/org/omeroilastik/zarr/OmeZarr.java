package org.omeroilastik.zarr;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.image.io.NdImages;
import org.omeroilastik.internal.zarr.NgffUnits;
import org.omeroilastik.internal.zarr.ZarrJson;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.PixelType;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.view.Views;

/**
 * An OME-NGFF image (a Zarr group with {@code multiscales} in its {@code .zattrs}): axes, the list of
 * resolution levels with their scales, and each level's array. Versions 0.4 (and 0.1..0.3, whose axes
 * are implied or plain names) are read; 0.4 is written. A bioformats2raw layout (a root whose
 * {@code .zattrs} say {@code bioformats2raw.layout}) opens its first series, group {@code 0}.
 *
 * <p>Descriptors keep the file's axis order (NGFF's is t, c, z, y, x), with physical sizes from the
 * level's scale and the axes' units.
 */
public final class OmeZarr {
    /** What {@link #write} writes: the multiscales name and the chunk compressor. */
    public record WriteOptions(String name, ZarrCompressor compressor) {
        /** zarr-python's default compressor: Blosc with LZ4 at level 5, byte shuffle. */
        public static final ZarrCompressor DEFAULT_COMPRESSOR = ZarrCompressor.blosc("lz4", 5, 1);

        public WriteOptions {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(compressor, "compressor");
        }

        public static WriteOptions defaults(String name) {
            return new WriteOptions(name, DEFAULT_COMPRESSOR);
        }
    }

    /** One resolution level: its array's path and its scale (and translation, zeros when none) per axis. */
    public record Level(String path, double[] scale, double[] translation) {
        public Level {
            Objects.requireNonNull(path, "path");
            scale = scale.clone();
            translation = translation.clone();
        }

        @Override
        public double[] scale() {
            return scale.clone();
        }

        @Override
        public double[] translation() {
            return translation.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Level l && path.equals(l.path) && Arrays.equals(scale, l.scale) && Arrays.equals(translation, l.translation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, Arrays.hashCode(scale), Arrays.hashCode(translation));
        }

        @Override
        public String toString() {
            return path + " scale " + Arrays.toString(scale);
        }
    }

    /** Largest chunk {@link #write} makes, in bytes. */
    private static final long MAX_CHUNK_BYTES = 32L << 20;
    private static final int TILE = 512;

    private final ZarrStore store;
    private final String group;
    private final String version;
    private final String name;
    private final List<NgffAxis> axes;
    private final List<Level> levels;
    private final ZarrArray[] arrays;

    private OmeZarr(ZarrStore store, String group, String version, String name, List<NgffAxis> axes, List<Level> levels) {
        this.store = store;
        this.group = group;
        this.version = version;
        this.name = name;
        this.axes = List.copyOf(axes);
        this.levels = List.copyOf(levels);
        this.arrays = new ZarrArray[levels.size()];
    }

    /** Opens the image at the store's root. */
    public static OmeZarr open(ZarrStore store) throws ZarrException {
        return open(store, "");
    }

    /**
     * Opens the image in group {@code group} ({@code ""} for the root) from its {@code .zattrs}.
     *
     * @throws ZarrException naming the store, group and key when there is no multiscales metadata or it
     *         is malformed
     */
    public static OmeZarr open(ZarrStore store, String group) throws ZarrException {
        String key = ZarrArray.key(group, ".zattrs");
        JsonObject attrs = attributes(store, group, key);
        if (!attrs.has("multiscales") && attrs.has("bioformats2raw.layout") && group.isEmpty()) {
            return open(store, "0");
        }
        try {
            return parse(store, group, attrs);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new ZarrException(groupWhere(store, group) + ": key " + key + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject attributes(ZarrStore store, String group, String key) throws ZarrException {
        Optional<byte[]> bytes;
        try {
            bytes = store.get(key);
        } catch (IOException e) {
            throw new ZarrException(groupWhere(store, group) + ": cannot read key " + key + ": " + e.getMessage(), e);
        }
        if (bytes.isEmpty()) {
            throw new ZarrException(groupWhere(store, group) + ": no .zattrs (key " + key + "), so no OME-NGFF multiscales image");
        }
        try {
            return ZarrJson.parseObject(bytes.get());
        } catch (IllegalArgumentException e) {
            throw new ZarrException(groupWhere(store, group) + ": key " + key + ": " + e.getMessage(), e);
        }
    }

    private static OmeZarr parse(ZarrStore store, String group, JsonObject attrs) {
        JsonElement ms = attrs.get("multiscales");
        if (ms == null || !ms.isJsonArray() || ms.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("no OME-NGFF \"multiscales\" list");
        }
        JsonObject m = ms.getAsJsonArray().get(0).getAsJsonObject();
        String version = m.has("version") ? m.get("version").getAsString() : "";
        String name = m.has("name") && m.get("name").isJsonPrimitive() ? m.get("name").getAsString() : "";
        List<NgffAxis> axes = new ArrayList<>();
        JsonElement ax = m.get("axes");
        if (ax == null) {
            for (Axis a : AxisOrder.of("tczyx").axes()) {
                axes.add(NgffAxis.of(a, ""));
            }
        } else {
            for (JsonElement e : ax.getAsJsonArray()) {
                if (e.isJsonPrimitive()) {
                    axes.add(axis(e.getAsString(), "", ""));
                } else {
                    JsonObject o = e.getAsJsonObject();
                    axes.add(axis(o.get("name").getAsString(), o.has("type") && !o.get("type").isJsonNull() ? o.get("type").getAsString() : "",
                            o.has("unit") && !o.get("unit").isJsonNull() ? o.get("unit").getAsString() : ""));
                }
            }
        }
        new AxisOrder(axes.stream().map(NgffAxis::axis).toList()); // refuses repeats
        int rank = axes.size();
        double[] outerScale = new double[rank];
        double[] outerShift = new double[rank];
        Arrays.fill(outerScale, 1);
        transforms(m.get("coordinateTransformations"), rank, outerScale, outerShift, "multiscales");
        JsonElement ds = m.get("datasets");
        if (ds == null || !ds.isJsonArray() || ds.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("multiscales has no datasets");
        }
        List<Level> levels = new ArrayList<>();
        for (JsonElement e : ds.getAsJsonArray()) {
            JsonObject d = e.getAsJsonObject();
            if (!d.has("path")) {
                throw new IllegalArgumentException("a dataset has no path");
            }
            String path = d.get("path").getAsString();
            double[] scale = new double[rank];
            double[] shift = new double[rank];
            Arrays.fill(scale, 1);
            transforms(d.get("coordinateTransformations"), rank, scale, shift, "dataset " + path);
            for (int i = 0; i < rank; i++) {
                shift[i] = shift[i] * outerScale[i] + outerShift[i];
                scale[i] *= outerScale[i];
            }
            levels.add(new Level(path, scale, shift));
        }
        return new OmeZarr(store, group, version, name, axes, levels);
    }

    private static NgffAxis axis(String name, String type, String unit) {
        Axis a = switch (name.toLowerCase(Locale.ROOT)) {
            case "t" -> Axis.T;
            case "c" -> Axis.C;
            case "z" -> Axis.Z;
            case "y" -> Axis.Y;
            case "x" -> Axis.X;
            default -> switch (type) {
                case "time" -> Axis.T;
                case "channel" -> Axis.C;
                default -> throw new IllegalArgumentException("axis \"" + name + "\" (type \"" + type
                        + "\") is none of t, c, z, y, x and not of type time or channel");
            };
        };
        return new NgffAxis(name, type, unit, a);
    }

    private static void transforms(JsonElement list, int rank, double[] scale, double[] shift, String what) {
        if (list == null || list.isJsonNull()) {
            return;
        }
        for (JsonElement e : list.getAsJsonArray()) {
            JsonObject t = e.getAsJsonObject();
            String type = t.has("type") ? t.get("type").getAsString() : "";
            switch (type) {
                case "scale", "translation" -> {
                    if (!t.has(type)) {
                        throw new IllegalArgumentException(what + ": " + type + " given by " + (t.has("path") ? "path" : "nothing")
                                + "; only inline " + type + " lists are read");
                    }
                    JsonArray v = t.get(type).getAsJsonArray();
                    if (v.size() != rank) {
                        throw new IllegalArgumentException(what + ": " + type + " has " + v.size() + " values for " + rank + " axes");
                    }
                    for (int i = 0; i < rank; i++) {
                        if (type.equals("scale")) {
                            scale[i] *= v.get(i).getAsDouble();
                            shift[i] *= v.get(i).getAsDouble();
                        } else {
                            shift[i] += v.get(i).getAsDouble();
                        }
                    }
                }
                case "identity" -> {
                }
                default -> throw new IllegalArgumentException(what + ": unsupported coordinate transformation \"" + type + "\"");
            }
        }
    }

    public ZarrStore store() {
        return store;
    }

    /** The group holding the image, {@code ""} for the root. */
    public String group() {
        return group;
    }

    /** The multiscales version as written, for example {@code 0.4} (empty when absent). */
    public String version() {
        return version;
    }

    /** The multiscales name (empty when absent). */
    public String name() {
        return name;
    }

    public List<NgffAxis> axes() {
        return axes;
    }

    /** The axes in the file's order, as project axes. */
    public AxisOrder axisOrder() {
        return new AxisOrder(axes.stream().map(NgffAxis::axis).toList());
    }

    /** The resolution levels, full resolution first (as NGFF orders them). */
    public List<Level> levels() {
        return levels;
    }

    /** The array of level {@code index} (opened on first use). */
    public synchronized ZarrArray array(int index) throws ZarrException {
        if (arrays[index] == null) {
            Level level = levels.get(index);
            ZarrArray a = ZarrArray.open(store, ZarrArray.key(group, level.path()));
            if (a.metadata().rank() != axes.size()) {
                throw new ZarrException(ZarrArray.where(store, a.path()) + ": key " + ZarrArray.key(a.path(), ".zarray") + ": "
                        + a.metadata().rank() + " dimensions, but the multiscales axes name " + axes.size() + " (" + axisOrder() + ")");
            }
            arrays[index] = a;
        }
        return arrays[index];
    }

    /** Level 0's descriptor. */
    public ImageDescriptor descriptor() throws ZarrException {
        return descriptor(0);
    }

    /** The descriptor of level {@code index}: its shape, pixel type and physical sizes (its scale with the axes' units). */
    public ImageDescriptor descriptor(int index) throws ZarrException {
        ZarrArray a = array(index);
        double[] scale = levels.get(index).scale();
        Map<Axis, PhysicalSize> sizes = new EnumMap<>(Axis.class);
        for (int i = 0; i < axes.size(); i++) {
            NgffAxis ax = axes.get(i);
            if (ax.axis() == Axis.C || !(scale[i] > 0) || Double.isInfinite(scale[i]) || (scale[i] == 1 && ax.unit().isEmpty())) {
                continue;
            }
            sizes.put(ax.axis(), new PhysicalSize(scale[i], NgffUnits.fromNgff(ax.unit())));
        }
        return new ImageDescriptor(axisOrder(), a.shape(), a.metadata().dataType().pixelType(), sizes);
    }

    /** Whether {@link #write} can store an image with these axes: NGFF 0.4 needs two or three spatial axes. */
    public static boolean canWrite(AxisOrder axes) {
        return axes.axes().stream().filter(Axis::isSpatial).count() >= 2;
    }

    /** NGFF's axis order for the axes of {@code order}: t, c, z, y, x, those present. */
    public static AxisOrder ngffOrder(AxisOrder order) {
        return new AxisOrder(AxisOrder.of("tczyx").axes().stream().filter(order::has).toList());
    }

    /**
     * The chunk shape {@link #write} uses for {@code shape} in NGFF order: one t and one z, up to 512 x 512
     * in y and x, all channels (fewer when a chunk would pass 32 MiB).
     */
    public static int[] chunks(AxisOrder order, long[] shape, PixelType type) {
        int[] chunks = new int[shape.length];
        int c = -1;
        long bytes = type.bytes();
        for (int i = 0; i < shape.length; i++) {
            Axis a = order.get(i);
            long n = Math.max(1, shape[i]);
            chunks[i] = (int) switch (a) {
                case T, Z -> 1;
                case Y, X -> Math.min(TILE, n);
                case C -> Math.min(n, Integer.MAX_VALUE);
            };
            if (a == Axis.C) {
                c = i;
            } else {
                bytes *= chunks[i];
            }
        }
        if (c >= 0) {
            chunks[c] = (int) Math.max(1, Math.min(chunks[c], MAX_CHUNK_BYTES / bytes));
        }
        return chunks;
    }

    /**
     * Writes {@code image} as an OME-NGFF 0.4 image into the (empty) store: {@code .zgroup},
     * {@code .zattrs} with one multiscales of one level {@code "0"} (scale from the physical sizes, units
     * as NGFF names), and the array {@code 0} in NGFF axis order (t, c, z, y, x; the image is transposed
     * when its order differs), chunked by {@link #chunks}, dimension separator {@code "/"}, chunk by chunk.
     */
    public static OmeZarr write(ZarrStore store, NdImage image, WriteOptions options) throws ZarrException {
        ImageDescriptor d = image.descriptor();
        AxisOrder source = d.axes();
        if (!canWrite(source)) {
            throw new ZarrException(store.location() + ": OME-NGFF 0.4 needs two or three spatial axes; the image has axes '" + source + "'");
        }
        AxisOrder target = ngffOrder(source);
        int rank = target.size();
        long[] sourceShape = d.shape();
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = sourceShape[source.indexOf(target.get(i))];
        }
        PixelType type = d.pixelType() == PixelType.BOOL ? PixelType.UINT8 : d.pixelType();
        int[] chunks = chunks(target, shape, type);
        ZarrArrayMetadata meta = new ZarrArrayMetadata(shape, chunks, ZarrDataType.of(type, ByteOrder.LITTLE_ENDIAN),
                type.isFloatingPoint() ? (Number) 0.0 : (Number) 0L, options.compressor(), "/");

        List<NgffAxis> axes = new ArrayList<>();
        double[] scale = new double[rank];
        for (int i = 0; i < rank; i++) {
            Axis a = target.get(i);
            Optional<PhysicalSize> size = a == Axis.C ? Optional.empty() : d.physicalSize(a);
            scale[i] = size.map(PhysicalSize::value).orElse(1.0);
            axes.add(NgffAxis.of(a, size.flatMap(s -> NgffUnits.toNgff(s.unit(), a == Axis.T)).orElse("")));
        }
        Level level = new Level("0", scale, new double[rank]);
        put(store, ".zgroup", ZarrJson.pretty(zarrFormat()));
        put(store, ".zattrs", ZarrJson.pretty(attributes(options.name(), axes, level)));
        ZarrArray array = ZarrArray.create(store, "0", meta);

        RandomAccessibleInterval<?> view = permuted(image.pixels(), source, target);
        long[] grid = meta.chunkGrid();
        long total = 1;
        for (long g : grid) {
            total *= g;
        }
        if (total > 0) {
            long[] index = new long[rank];
            for (long k = 0; k < total; k++) {
                long[] offset = new long[rank];
                long[] count = new long[rank];
                long[] min = new long[rank];
                long[] max = new long[rank];
                for (int i = 0; i < rank; i++) {
                    offset[i] = index[i] * chunks[i];
                    count[i] = Math.min(chunks[i], shape[i] - offset[i]);
                    min[rank - 1 - i] = offset[i];
                    max[rank - 1 - i] = offset[i] + count[i] - 1;
                }
                ImageDescriptor box = new ImageDescriptor(target, count, d.pixelType());
                Object pixels = NdImages.toArray(new NdImage(box, Views.zeroMin(Views.interval(view, min, max))));
                array.write(offset, count, pixels);
                for (int i = rank - 1; i >= 0; i--) {
                    if (++index[i] < grid[i]) {
                        break;
                    }
                    index[i] = 0;
                }
            }
        }
        OmeZarr written = new OmeZarr(store, "", "0.4", options.name(), axes, List.of(level));
        written.arrays[0] = array;
        return written;
    }

    /** {@code pixels} (imglib2 dimensions = {@code source} reversed) viewed with dimensions = {@code target} reversed. */
    private static <T> RandomAccessibleInterval<T> permuted(RandomAccessibleInterval<T> pixels, AxisOrder source, AxisOrder target) {
        int n = source.size();
        int[] current = new int[n];
        for (int i = 0; i < n; i++) {
            current[i] = i;
        }
        RandomAccessibleInterval<T> view = pixels;
        for (int e = 0; e < n; e++) {
            int want = n - 1 - source.indexOf(target.get(n - 1 - e));
            int k = 0;
            while (current[k] != want) {
                k++;
            }
            if (k != e) {
                view = Views.permute(view, k, e);
                int t = current[k];
                current[k] = current[e];
                current[e] = t;
            }
        }
        return view;
    }

    private static JsonObject zarrFormat() {
        JsonObject o = new JsonObject();
        o.addProperty("zarr_format", 2);
        return o;
    }

    private static JsonObject attributes(String name, List<NgffAxis> axes, Level level) {
        JsonArray axList = new JsonArray();
        for (NgffAxis a : axes) {
            JsonObject o = new JsonObject();
            o.addProperty("name", a.name());
            o.addProperty("type", a.type());
            if (!a.unit().isEmpty()) {
                o.addProperty("unit", a.unit());
            }
            axList.add(o);
        }
        JsonArray scale = new JsonArray();
        for (double s : level.scale()) {
            scale.add(s);
        }
        JsonObject transform = new JsonObject();
        transform.addProperty("type", "scale");
        transform.add("scale", scale);
        JsonArray transforms = new JsonArray();
        transforms.add(transform);
        JsonObject dataset = new JsonObject();
        dataset.addProperty("path", level.path());
        dataset.add("coordinateTransformations", transforms);
        JsonArray datasets = new JsonArray();
        datasets.add(dataset);
        JsonObject m = new JsonObject();
        m.addProperty("version", "0.4");
        m.addProperty("name", name);
        m.add("axes", axList);
        m.add("datasets", datasets);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("method", "org.omeroilastik.zarr");
        m.add("metadata", metadata);
        JsonArray list = new JsonArray();
        list.add(m);
        JsonObject attrs = new JsonObject();
        attrs.add("multiscales", list);
        return attrs;
    }

    private static void put(ZarrStore store, String key, byte[] value) throws ZarrException {
        try {
            store.put(key, value);
        } catch (IOException e) {
            throw new ZarrException(store.location() + ": cannot write key " + key + ": " + e.getMessage(), e);
        }
    }

    private static String groupWhere(ZarrStore store, String group) {
        return store.location() + ": group " + (group.isEmpty() ? "/" : group);
    }

    @Override
    public String toString() {
        return groupWhere(store, group) + " NGFF " + version + " " + axisOrder() + " " + levels;
    }
}
