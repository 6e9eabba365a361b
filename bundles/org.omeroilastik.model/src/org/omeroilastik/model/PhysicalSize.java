package org.omeroilastik.model;

import java.util.Objects;

/** The size of one pixel step along an axis, for example 0.65 micrometre, or 2 seconds along t. */
public record PhysicalSize(double value, String unit) {

    public PhysicalSize {
        Objects.requireNonNull(unit, "unit");
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("physical size must be positive and finite, not " + value);
        }
    }

    @Override
    public String toString() {
        return unit.isEmpty() ? Double.toString(value) : value + " " + unit;
    }
}
