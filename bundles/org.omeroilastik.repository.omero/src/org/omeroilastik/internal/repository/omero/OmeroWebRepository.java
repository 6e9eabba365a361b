package org.omeroilastik.internal.repository.omero;

import java.lang.reflect.InvocationHandler;
import java.net.URI;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.omeroilastik.image.io.ImageFormats;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.NdImage;
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
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.model.results.Roi;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.Counts;
import org.omeroilastik.repository.DataManager;
import org.omeroilastik.repository.RawData;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.repository.ResultWriter;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * An OMERO server through OMERO.web's JSON API (api/v0, omero-marshal JSON); raw pixels through
 * omero-ms-pixel-buffer, omero-web-zarr or render_ome_tiff ({@link PixelSource}), the rendered 8-bit
 * image only when asked for and then labelled; results through {@link OmeroResults}.
 */
final class OmeroWebRepository implements Repository, Browse, RawData {
    /** The values {@code omero.ilastik.pixelSource} takes. */
    static final List<String> PIXEL_SOURCES = List.of("auto", "pixel-buffer", "zarr", "ome-tiff", "rendered");
    private static final System.Logger LOG = System.getLogger(OmeroWebRepository.class.getName());
    private final OmeroWebClient client;
    private final String pixelSource;
    private final PixelBufferSource pixelBuffer;
    private final ZarrSource zarr;
    private final OmeTiffSource omeTiff;
    private final RenderedSource rendered;
    private volatile PixelSource chosen;
    private final OmeroResults results;
    private final Map<Long, ImageDescriptor> descriptors = new java.util.concurrent.ConcurrentHashMap<>();

    OmeroWebRepository(OmeroWebClient client, URI pixelBuffer, String pixelSource, ImageFormats formats) {
        if (!PIXEL_SOURCES.contains(pixelSource)) {
            throw new IllegalArgumentException(pixelSource);
        }
        this.client = client;
        this.pixelSource = pixelSource;
        this.pixelBuffer = new PixelBufferSource(client, pixelBuffer);
        this.zarr = new ZarrSource(client);
        this.omeTiff = new OmeTiffSource(client, formats);
        this.rendered = new RenderedSource(client);
        this.results = new OmeroResults(client, client.name());
    }

    @Override
    public String location() {
        return client.name();
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
        return notYet(DataManager.class, "creating projects, datasets and images");
    }

    @Override
    public ResultWriter results() {
        return results;
    }

    /** A facade whose every call fails with one clear message. */
    private <T> T notYet(Class<T> type, String what) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
            }
            throw new RepositoryException(location() + ": " + what + " through OMERO.web is not built yet");
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }

    // ---- Browse ----------------------------------------------------------------------------------------

    @Override
    public List<Project> projects() throws RepositoryException {
        return map(client.getAll("api/v0/m/projects/"), o -> new Project(id(o), text(o, "Name"), text(o, "Description")));
    }

    @Override
    public List<Dataset> datasets(long projectId) throws RepositoryException {
        return map(client.getAll("api/v0/m/projects/" + projectId + "/datasets/"), OmeroWebRepository::dataset);
    }

    @Override
    public List<Dataset> orphanedDatasets() throws RepositoryException {
        return map(client.getAll("api/v0/m/datasets/?orphaned=true"), OmeroWebRepository::dataset);
    }

    @Override
    public List<Image> images(long datasetId) throws RepositoryException {
        return map(client.getAll("api/v0/m/datasets/" + datasetId + "/images/"), this::image);
    }

    @Override
    public List<Image> orphanedImages() throws RepositoryException {
        return map(client.getAll("api/v0/m/images/?orphaned=true"), this::image);
    }

    @Override
    public List<Screen> screens() throws RepositoryException {
        return map(client.getAll("api/v0/m/screens/"), o -> new Screen(id(o), text(o, "Name"), text(o, "Description")));
    }

    @Override
    public List<Plate> plates(long screenId) throws RepositoryException {
        return map(client.getAll("api/v0/m/screens/" + screenId + "/plates/"),
                o -> new Plate(id(o), text(o, "Name"), integer(o, "Rows"), integer(o, "Columns")));
    }

    @Override
    public List<Well> wells(long plateId) throws RepositoryException {
        return map(client.getAll("api/v0/m/plates/" + plateId + "/wells/"), o -> {
            List<Long> fields = new ArrayList<>();
            if (o.has("WellSamples")) {
                for (JsonElement s : o.getAsJsonArray("WellSamples")) {
                    JsonObject ws = s.getAsJsonObject();
                    if (ws.has("Image")) {
                        fields.add(id(ws.getAsJsonObject("Image")));
                    }
                }
            }
            return new Well(id(o), integer(o, "Row"), integer(o, "Column"), fields);
        });
    }

    @Override
    public Image image(long id) throws RepositoryException {
        return image(client.get("api/v0/m/images/" + id + "/").getAsJsonObject("data"));
    }

    @Override
    public Dataset dataset(long id) throws RepositoryException {
        return dataset(client.get("api/v0/m/datasets/" + id + "/").getAsJsonObject("data"));
    }

    @Override
    public Optional<Long> derivedFrom(long imageId) {
        // OMERO.web cannot create images: results go back as attachments, never as images.
        return Optional.empty();
    }

    /** OMERO.web's own rendering: {@code /webgateway/render_thumbnail/{id}/{size}/} (a JPEG). */
    @Override
    public byte[] thumbnail(long imageId, int size) throws RepositoryException {
        String path = "webgateway/render_thumbnail/" + imageId + "/" + size + "/";
        return client.getBytes(client.base().resolve(path), location() + ": GET /" + path);
    }

    /**
     * The channels of webgateway's imgData ({@code /webgateway/imgData/{id}/}): label, colour and
     * window of the image's current rendering settings, emission wavelength where acquired.
     */
    @Override
    public List<Channel> channels(long imageId) throws RepositoryException {
        String path = "webgateway/imgData/" + imageId + "/";
        JsonObject data = client.get(path);
        if (!data.has("channels") || !data.get("channels").isJsonArray()) {
            throw new RepositoryException(location() + ": GET /" + path + " answered without \"channels\""
                    + (data.has("Exception") ? " (" + data.get("Exception").getAsString() + ")" : ""));
        }
        List<Channel> out = new ArrayList<>();
        for (JsonElement e : data.getAsJsonArray("channels")) {
            JsonObject c = e.getAsJsonObject();
            try {
                JsonObject w = c.getAsJsonObject("window");
                JsonElement wave = c.get("emissionWave");
                out.add(new Channel(text(c, "label"), c.get("color").getAsString(), w.get("start").getAsDouble(), w.get("end").getAsDouble(),
                        wave == null || wave.isJsonNull() ? OptionalDouble.empty() : OptionalDouble.of(wave.getAsDouble())));
            } catch (RuntimeException bad) {
                throw new RepositoryException(location() + ": GET /" + path + ": unreadable channel " + abbreviate(c), bad);
            }
        }
        return out;
    }

    @Override
    public List<Image> derivedImages(long imageId) {
        return List.of();
    }

    /** ROIs; files attached (tables: the CSV files among them); key-value sets other than our registries. */
    @Override
    public Counts counts(long imageId) throws RepositoryException {
        // The count only: one row and the list's meta.totalCount, not every ROI with its shapes.
        JsonObject page = client.get("api/v0/m/images/" + imageId + "/rois/?limit=1");
        JsonObject meta = page.getAsJsonObject("meta");
        int rois = meta != null && meta.has("totalCount") ? meta.get("totalCount").getAsInt() : rois(imageId).size();
        return counts(ResultWriter.Owner.IMAGE, imageId, rois);
    }

    @Override
    public Counts datasetCounts(long datasetId) throws RepositoryException {
        return counts(ResultWriter.Owner.DATASET, datasetId, 0);
    }

    private Counts counts(ResultWriter.Owner owner, long id, int rois) throws RepositoryException {
        String param = owner == ResultWriter.Owner.IMAGE ? "image" : "dataset";
        int tables = 0;
        int files = 0;
        for (JsonElement e : client.get("webclient/api/annotations/?type=file&" + param + "=" + id).getAsJsonArray("annotations")) {
            JsonObject f = e.getAsJsonObject().getAsJsonObject("file");
            if (f != null && f.has("name") && f.get("name").getAsString().endsWith(".csv")) {
                tables++;
            } else {
                files++;
            }
        }
        int maps = (int) results.maps(owner, id, "").stream().filter(m -> !m.ns().startsWith(OmeroResults.REGISTRY)).count();
        return new Counts(rois, tables, files, 0, maps);
    }

    /**
     * The CSV files attached to the image (how {@link OmeroResults} writes tables, OMERO.web having no
     * way to create OMERO.tables), each downloaded through webclient's download_annotation endpoint.
     */
    @Override
    public List<org.omeroilastik.model.results.Table> tables(long imageId) throws RepositoryException {
        List<org.omeroilastik.model.results.Table> out = new ArrayList<>();
        for (JsonElement e : client.get("webclient/api/annotations/?type=file&image=" + imageId).getAsJsonArray("annotations")) {
            JsonObject a = e.getAsJsonObject();
            JsonObject f = a.getAsJsonObject("file");
            if (f != null && f.has("name") && f.get("name").getAsString().endsWith(".csv")) {
                String path = "webclient/annotation/" + a.get("id").getAsLong() + "/";
                byte[] csv = client.getBytes(client.base().resolve(path), location() + ": GET /" + path);
                out.add(org.omeroilastik.repository.TableCsv.parse(new String(csv, java.nio.charset.StandardCharsets.UTF_8),
                        location() + ": " + f.get("name").getAsString() + " (file annotation " + a.get("id").getAsLong() + ")"));
            }
        }
        return out;
    }

    /** The image's ROIs; of their shapes, polygons (other shape types are not read yet). */
    @Override
    public List<Roi> rois(long imageId) throws RepositoryException {
        List<Roi> out = new ArrayList<>();
        for (JsonObject roi : client.getAll("api/v0/m/images/" + imageId + "/rois/")) {
            List<PolygonShape> polygons = new ArrayList<>();
            if (roi.has("shapes")) {
                for (JsonElement s : roi.getAsJsonArray("shapes")) {
                    JsonObject shape = s.getAsJsonObject();
                    if (type(shape).equals("Polygon") && shape.has("Points")) {
                        polygons.add(polygon(shape));
                    }
                }
            }
            out.add(new Roi(text(roi, "Name"), polygons));
        }
        return out;
    }

    private static PolygonShape polygon(JsonObject shape) throws RepositoryException {
        String[] points = shape.get("Points").getAsString().strip().split("\\s+");
        int[] x = new int[points.length];
        int[] y = new int[points.length];
        try {
            for (int i = 0; i < points.length; i++) {
                String[] xy = points[i].split(",");
                x[i] = (int) Math.round(Double.parseDouble(xy[0]));
                y[i] = (int) Math.round(Double.parseDouble(xy[1]));
            }
            return new PolygonShape(integer(shape, "TheZ"), integer(shape, "TheT"), x, y);
        } catch (RuntimeException e) {
            throw new RepositoryException("shape " + id(shape) + ": unreadable Points \"" + shape.get("Points").getAsString() + "\"", e);
        }
    }

    // ---- RawData ---------------------------------------------------------------------------------------

    @Override
    public ImageDescriptor pixels(long imageId) throws RepositoryException {
        ImageDescriptor d = descriptors.get(imageId);
        if (d == null) {
            d = image(imageId).pixels();
            descriptors.put(imageId, d);
        }
        return d;
    }

    /**
     * The box in our axis order, through the pixel source {@code omero.ilastik.pixelSource} names, or in
     * {@code auto} through the first raw source that answers (see {@link #choose}); the choice is kept
     * for the repository after its first success.
     */
    @Override
    public NdImage read(long imageId, long[] offset, long[] count) throws RepositoryException {
        ImageDescriptor d = pixels(imageId);
        AxisOrder axes = d.axes();
        if (offset.length != axes.size() || count.length != axes.size()) {
            throw new RepositoryException(location() + ": image " + imageId + ": a box of rank " + offset.length + " for axes " + axes);
        }
        long total = 1;
        for (int i = axes.size() - 1; i >= 0; i--) {
            if (offset[i] < 0 || count[i] < 1 || offset[i] + count[i] > d.shape()[i]) {
                throw new RepositoryException(location() + ": image " + imageId + ": box " + java.util.Arrays.toString(offset) + "+"
                        + java.util.Arrays.toString(count) + " lies outside " + d);
            }
            total *= count[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new RepositoryException(location() + ": image " + imageId + ": box too large to read at once (" + total + " samples)");
        }
        PixelSource source = chosen;
        Object out = source != null ? source.read(imageId, d, offset, count) : choose(imageId, d, offset, count);
        ImageDescriptor box = new ImageDescriptor(axes, count.clone(), d.pixelType(), d.physicalSizes());
        return org.omeroilastik.image.io.NdImages.wrap(box, out);
    }

    /**
     * The first read: the source asked for, or in {@code auto} omero-ms-pixel-buffer (announced by
     * {@code OPTIONS}, or its first tile simply succeeding), else omero-web-zarr (the image's
     * {@code .zattrs} answers), else render_ome_tiff (404 for pyramids); never the rendered image.
     */
    private synchronized Object choose(long imageId, ImageDescriptor d, long[] offset, long[] count) throws RepositoryException {
        if (chosen != null) {
            return chosen.read(imageId, d, offset, count);
        }
        PixelSource source = switch (pixelSource) {
            case "pixel-buffer" -> pixelBuffer;
            case "zarr" -> zarr;
            case "ome-tiff" -> omeTiff;
            case "rendered" -> rendered;
            default -> null;
        };
        if (source != null) {
            Object out = source.read(imageId, d, offset, count);
            remember(source);
            return out;
        }
        List<String> tried = new ArrayList<>();
        boolean announced = pixelBuffer.announced();
        try {
            Object out = pixelBuffer.read(imageId, d, offset, count);
            remember(pixelBuffer);
            return out;
        } catch (RepositoryException e) {
            if (announced) {
                throw e;
            }
            tried.add("omero-ms-pixel-buffer at " + pixelBuffer.base() + " (no OPTIONS answer; " + e.getMessage() + ")");
        }
        boolean zarrAnswers;
        try {
            zarr.open(imageId);
            zarrAnswers = true;
        } catch (RepositoryException e) {
            zarrAnswers = false;
            tried.add("omero-web-zarr (" + e.getMessage() + ")");
        }
        if (zarrAnswers) {
            Object out = zarr.read(imageId, d, offset, count);
            remember(zarr);
            return out;
        }
        boolean tiffAnswers;
        try {
            omeTiff.file(imageId);
            tiffAnswers = true;
        } catch (RepositoryException e) {
            tiffAnswers = false;
            tried.add("render_ome_tiff (" + e.getMessage() + ")");
        }
        if (tiffAnswers) {
            Object out = omeTiff.read(imageId, d, offset, count);
            remember(omeTiff);
            return out;
        }
        throw new RepositoryException(location() + ": image " + imageId + ": no raw pixels: tried " + String.join("; ", tried)
                + ". The rendered 8-bit image is lossy and read only when asked for: -D" + OmeroRepositoryProvider.PIXEL_SOURCE + "=rendered");
    }

    private void remember(PixelSource source) {
        chosen = source;
        if (source == rendered) {
            LOG.log(System.Logger.Level.WARNING, location() + ": pixels are read from the RENDERED 8-bit image (lossy, not the raw values);"
                    + " provenance records omero-ilastik.pixels=" + RenderedSource.LABEL);
        }
    }

    /** The label of the source the reads use, once one has answered. */
    @Override
    public Optional<String> pixelSource() {
        PixelSource source = chosen;
        return source == null ? Optional.empty() : Optional.of(source.label());
    }

    @Override
    public Optional<ImageSource> localSource(long imageId) {
        return Optional.empty();
    }

    @Override
    public void close() {
        omeTiff.close();
        client.close();
    }

    // ---- omero-marshal JSON ------------------------------------------------------------------------------

    private interface Mapper<T> {
        T map(JsonObject o) throws RepositoryException;
    }

    private static <T> List<T> map(List<JsonObject> items, Mapper<T> f) throws RepositoryException {
        List<T> out = new ArrayList<>(items.size());
        for (JsonObject o : items) {
            out.add(f.map(o));
        }
        return out;
    }

    private static Dataset dataset(JsonObject o) throws RepositoryException {
        return new Dataset(id(o), text(o, "Name"), text(o, "Description"));
    }

    /** An image and its pixels: axes t, z, y, x, c with the sizes above 1 (y and x always), as our readers give them. */
    private Image image(JsonObject o) throws RepositoryException {
        if (!o.has("Pixels")) {
            throw new RepositoryException(location() + ": image " + id(o) + " comes without Pixels");
        }
        JsonObject p = o.getAsJsonObject("Pixels");
        String type = p.has("Type") ? p.getAsJsonObject("Type").get("value").getAsString() : "";
        PixelType pixelType = switch (type) {
            case "int8", "uint8", "int16", "uint16", "int32", "uint32" -> PixelType.integer(Integer.parseInt(type.replaceAll("\\D", "")) / 8,
                    !type.startsWith("u"));
            case "float" -> PixelType.FLOAT32;
            case "double" -> PixelType.FLOAT64;
            default -> throw new RepositoryException(location() + ": image " + id(o) + ": pixel type \"" + type + "\" is not supported"
                    + (type.equals("bit") ? " (bit images)" : ""));
        };
        int t = integer(p, "SizeT"), z = integer(p, "SizeZ"), c = integer(p, "SizeC");
        StringBuilder axes = new StringBuilder();
        List<Long> shape = new ArrayList<>();
        if (t > 1) {
            axes.append('t');
            shape.add((long) t);
        }
        if (z > 1) {
            axes.append('z');
            shape.add((long) z);
        }
        axes.append("yx");
        shape.add((long) integer(p, "SizeY"));
        shape.add((long) integer(p, "SizeX"));
        if (c > 1) {
            axes.append('c');
            shape.add((long) c);
        }
        Map<Axis, PhysicalSize> sizes = new EnumMap<>(Axis.class);
        physical(p, "PhysicalSizeX").ifPresent(s -> sizes.put(Axis.X, s));
        physical(p, "PhysicalSizeY").ifPresent(s -> sizes.put(Axis.Y, s));
        if (z > 1) {
            physical(p, "PhysicalSizeZ").ifPresent(s -> sizes.put(Axis.Z, s));
        }
        ImageDescriptor d = new ImageDescriptor(AxisOrder.of(axes.toString()), shape.stream().mapToLong(Long::longValue).toArray(),
                pixelType, sizes);
        return new Image(id(o), text(o, "Name"), d);
    }

    private static Optional<PhysicalSize> physical(JsonObject p, String key) {
        if (!p.has(key) || !p.get(key).isJsonObject()) {
            return Optional.empty();
        }
        JsonObject u = p.getAsJsonObject(key);
        if (!u.has("Value")) {
            return Optional.empty();
        }
        return Optional.of(new PhysicalSize(u.get("Value").getAsDouble(), u.has("Symbol") ? u.get("Symbol").getAsString() : ""));
    }

    private static long id(JsonObject o) throws RepositoryException {
        if (!o.has("@id")) {
            throw new RepositoryException("an object without \"@id\": " + abbreviate(o));
        }
        return o.get("@id").getAsLong();
    }

    private static String type(JsonObject o) {
        String t = o.has("@type") ? o.get("@type").getAsString() : "";
        return t.substring(t.indexOf('#') + 1);
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
    }

    private static int integer(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsInt() : 0;
    }

    private static String abbreviate(JsonObject o) {
        String s = o.toString();
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
