package org.omeroilastik.model;

/**
 * The five axes ilastik and OME know, with ilastik's one-letter keys and vigra's axis type flags
 * (as written in the {@code typeFlags} field of an {@code axistags} attribute).
 */
public enum Axis {
    T('t', 8), Z('z', 2), Y('y', 2), X('x', 2), C('c', 1);

    private final char key;
    private final int typeFlags;

    Axis(char key, int typeFlags) {
        this.key = key;
        this.typeFlags = typeFlags;
    }

    /** The lower-case letter ilastik uses for this axis. */
    public char key() {
        return key;
    }

    /** vigra's AxisType bits: Channels 1, Space 2, Time 8. */
    public int typeFlags() {
        return typeFlags;
    }

    public boolean isSpatial() {
        return this == X || this == Y || this == Z;
    }

    /** The axis for a key letter, either case. */
    public static Axis ofKey(char key) {
        char k = Character.toLowerCase(key);
        for (Axis a : values()) {
            if (a.key == k) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown axis '" + key + "' (expected one of t, z, y, x, c)");
    }
}
