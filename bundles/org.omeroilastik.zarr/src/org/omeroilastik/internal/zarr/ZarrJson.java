package org.omeroilastik.internal.zarr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.omeroilastik.zarr.ZarrArrayMetadata;
import org.omeroilastik.zarr.ZarrCompressor;
import org.omeroilastik.zarr.ZarrDataType;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/** {@code .zarray} to and from {@link ZarrArrayMetadata}; failures are {@link IllegalArgumentException}s saying what is wrong. */
public final class ZarrJson {
    private ZarrJson() {
    }

    public static JsonObject parseObject(byte[] bytes) {
        JsonElement e;
        try {
            e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getMessage());
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return e.getAsJsonObject();
    }

    public static ZarrArrayMetadata parseArray(byte[] bytes) {
        JsonObject o = parseObject(bytes);
        JsonElement format = o.get("zarr_format");
        if (format == null || !format.isJsonPrimitive() || format.getAsInt() != 2) {
            throw new IllegalArgumentException("zarr_format is " + format + ", not 2 (only Zarr v2 is read)");
        }
        long[] shape = longs(o, "shape");
        long[] chunkLongs = longs(o, "chunks");
        int[] chunks = new int[chunkLongs.length];
        for (int i = 0; i < chunks.length; i++) {
            if (chunkLongs[i] < 1 || chunkLongs[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("chunks " + Arrays.toString(chunkLongs) + " out of range");
            }
            chunks[i] = (int) chunkLongs[i];
        }
        ZarrDataType type = ZarrDataType.parse(string(o, "dtype"));
        JsonElement order = o.get("order");
        if (order != null && !order.isJsonNull() && !"C".equals(order.getAsString())) {
            throw new IllegalArgumentException("order \"" + order.getAsString() + "\" is not supported (only C)");
        }
        JsonElement filters = o.get("filters");
        if (filters != null && !filters.isJsonNull() && !(filters.isJsonArray() && filters.getAsJsonArray().isEmpty())) {
            throw new IllegalArgumentException("filters " + filters + " are not supported (only null)");
        }
        ZarrCompressor compressor = compressor(o.get("compressor"));
        Codecs.requireReadable(compressor);
        String separator = ".";
        JsonElement sep = o.get("dimension_separator");
        if (sep != null && !sep.isJsonNull()) {
            separator = sep.getAsString();
        }
        return new ZarrArrayMetadata(shape, chunks, type, fill(o.get("fill_value"), type), compressor, separator);
    }

    private static ZarrCompressor compressor(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return ZarrCompressor.NONE;
        }
        if (!e.isJsonObject() || !e.getAsJsonObject().has("id")) {
            throw new IllegalArgumentException("compressor " + e + " has no id");
        }
        JsonObject c = e.getAsJsonObject();
        String id = c.get("id").getAsString();
        int level = c.has("level") && !c.get("level").isJsonNull() ? c.get("level").getAsInt()
                : c.has("clevel") && !c.get("clevel").isJsonNull() ? c.get("clevel").getAsInt() : 0;
        String cname = c.has("cname") ? c.get("cname").getAsString() : "";
        int shuffle = c.has("shuffle") ? c.get("shuffle").getAsInt() : 0;
        int blocksize = c.has("blocksize") ? c.get("blocksize").getAsInt() : 0;
        return new ZarrCompressor(id, level, cname, shuffle, blocksize);
    }

    private static Number fill(JsonElement e, ZarrDataType type) {
        boolean floating = type.pixelType().isFloatingPoint();
        if (e == null || e.isJsonNull()) {
            return floating ? (Number) 0.0 : (Number) 0L;
        }
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException("fill_value " + e + " is not a number");
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean() ? 1L : 0L;
        }
        if (p.isString()) {
            String s = p.getAsString();
            double d = switch (s) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("fill_value \"" + s + "\" is not a number");
            };
            if (!floating) {
                throw new IllegalArgumentException("fill_value \"" + s + "\" for integer dtype " + type);
            }
            return d;
        }
        if (floating) {
            return p.getAsDouble();
        }
        try {
            return p.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException ex) {
            // uint64 fill values above Long.MAX_VALUE keep their bits
            return p.getAsBigInteger().longValue();
        }
    }

    private static long[] longs(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonArray()) {
            throw new IllegalArgumentException("no " + name + " list");
        }
        JsonArray a = e.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("no " + name);
        }
        return e.getAsString();
    }

    public static byte[] toJson(ZarrArrayMetadata m) {
        JsonObject o = new JsonObject();
        JsonArray chunks = new JsonArray();
        for (int c : m.chunks()) {
            chunks.add(c);
        }
        o.add("chunks", chunks);
        o.add("compressor", compressorJson(m.compressor()));
        o.addProperty("dimension_separator", m.dimensionSeparator());
        o.addProperty("dtype", m.dataType().dtype());
        Number fill = m.fillValue();
        if (fill instanceof Double d && (d.isNaN() || d.isInfinite())) {
            o.addProperty("fill_value", d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        } else {
            o.addProperty("fill_value", fill);
        }
        o.add("filters", JsonNull.INSTANCE);
        o.addProperty("order", "C");
        JsonArray shape = new JsonArray();
        for (long s : m.shape()) {
            shape.add(s);
        }
        o.add("shape", shape);
        o.addProperty("zarr_format", 2);
        return pretty(o);
    }

    private static JsonElement compressorJson(ZarrCompressor c) {
        if (c.isNone()) {
            return JsonNull.INSTANCE;
        }
        JsonObject o = new JsonObject();
        if (c.id().equals("blosc")) {
            o.addProperty("blocksize", c.blocksize());
            o.addProperty("clevel", c.level());
            o.addProperty("cname", c.cname());
            o.addProperty("id", "blosc");
            o.addProperty("shuffle", c.shuffle());
        } else {
            o.addProperty("id", c.id());
            o.addProperty("level", c.level());
        }
        return o;
    }

    public static byte[] pretty(JsonElement e) {
        return (new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(e) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
