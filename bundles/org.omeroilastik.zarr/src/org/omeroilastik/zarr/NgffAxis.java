package org.omeroilastik.zarr;

import java.util.Objects;

import org.omeroilastik.model.Axis;

/**
 * One entry of an OME-NGFF {@code multiscales[].axes}: name, type ({@code space}, {@code time},
 * {@code channel}, or empty) and unit (the NGFF name such as {@code micrometer}, or empty), with the
 * project axis it maps to.
 */
public record NgffAxis(String name, String type, String unit, Axis axis) {
    public NgffAxis {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(axis, "axis");
    }

    /** The NGFF axis for one of ours: lower-case key as name, its type, and a unit or none. */
    public static NgffAxis of(Axis axis, String unit) {
        String type = switch (axis) {
            case T -> "time";
            case C -> "channel";
            default -> "space";
        };
        return new NgffAxis(String.valueOf(axis.key()), type, unit, axis);
    }
}
