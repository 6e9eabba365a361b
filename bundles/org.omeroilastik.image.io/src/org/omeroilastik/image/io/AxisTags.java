package org.omeroilastik.image.io;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.omeroilastik.model.Axis;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.PhysicalSize;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * vigra's axistags as ilastik stores them in HDF5: a JSON object {@code {"axes": [{"key": "t",
 * "typeFlags": 8, "resolution": 0, "description": ""}, ...]}} in the dataset attribute {@code axistags}.
 * A resolution of 0 means unknown.
 */
public record AxisTags(AxisOrder order, Map<Axis, PhysicalSize> resolutions) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public AxisTags {
        resolutions = Map.copyOf(resolutions);
    }

    public static AxisTags of(AxisOrder order) {
        return new AxisTags(order, Map.of());
    }

    /** Parses ilastik's JSON; the message of the exception says what is wrong. */
    public static AxisTags parse(String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            JsonArray axes = root.getAsJsonObject().getAsJsonArray("axes");
            if (axes == null) {
                throw new IllegalArgumentException("axistags without an \"axes\" list");
            }
            List<Axis> order = new ArrayList<>();
            Map<Axis, PhysicalSize> res = new EnumMap<>(Axis.class);
            for (JsonElement e : axes) {
                JsonObject o = e.getAsJsonObject();
                String key = o.get("key").getAsString();
                if (key.length() != 1) {
                    throw new IllegalArgumentException("unsupported axis key '" + key + "'");
                }
                Axis axis = Axis.ofKey(key.charAt(0));
                order.add(axis);
                JsonElement r = o.get("resolution");
                if (r != null && r.getAsDouble() > 0) {
                    res.put(axis, new PhysicalSize(r.getAsDouble(), ""));
                }
            }
            return new AxisTags(new AxisOrder(order), res);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException e) {
            throw new IllegalArgumentException("malformed axistags JSON: " + e.getMessage(), e);
        }
    }

    /** The JSON ilastik writes (pretty-printed, two-space indent). */
    public String toJson() {
        JsonArray axes = new JsonArray();
        for (Axis a : order.axes()) {
            JsonObject o = new JsonObject();
            o.addProperty("key", String.valueOf(a.key()));
            o.addProperty("typeFlags", a.typeFlags());
            PhysicalSize r = resolutions.get(a);
            if (r == null) {
                o.addProperty("resolution", 0);
            } else {
                o.addProperty("resolution", r.value());
            }
            o.addProperty("description", "");
            axes.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("axes", axes);
        return GSON.toJson(root);
    }

    /**
     * The axis order ilastik assumes for data without axistags: 2D yx, 3D zyx (or yxc when the last
     * extent is at most 4, a channel count), 4D zyxc, 5D tzyxc.
     */
    public static AxisOrder guess(long[] shape) {
        return switch (shape.length) {
            case 1 -> AxisOrder.of("x");
            case 2 -> AxisOrder.of("yx");
            case 3 -> AxisOrder.of(shape[2] <= 4 ? "yxc" : "zyx");
            case 4 -> AxisOrder.of("zyxc");
            case 5 -> AxisOrder.of("tzyxc");
            default -> throw new IllegalArgumentException(shape.length + "-dimensional data: give its axes with --input-axes");
        };
    }
}
