package org.omeroilastik.ilp;

/** A class the user defined, with its display colour. */
public record Label(String name, int red, int green, int blue) {

    /** {@code #rrggbb}. */
    public String hexColour() {
        return String.format("#%02x%02x%02x", red, green, blue);
    }
}
