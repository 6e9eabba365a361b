package org.omeroilastik.model;

/** Pixel (sample) types that ilastik, OME and HDF5 share, with their numpy names. */
public enum PixelType {
    BOOL(1, false, false, "bool"),
    INT8(1, true, false, "int8"),
    UINT8(1, false, false, "uint8"),
    INT16(2, true, false, "int16"),
    UINT16(2, false, false, "uint16"),
    INT32(4, true, false, "int32"),
    UINT32(4, false, false, "uint32"),
    INT64(8, true, false, "int64"),
    UINT64(8, false, false, "uint64"),
    FLOAT32(4, true, true, "float32"),
    FLOAT64(8, true, true, "float64");

    private final int bytes;
    private final boolean signed;
    private final boolean floatingPoint;
    private final String numpyName;

    PixelType(int bytes, boolean signed, boolean floatingPoint, String numpyName) {
        this.bytes = bytes;
        this.signed = signed;
        this.floatingPoint = floatingPoint;
        this.numpyName = numpyName;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isSigned() {
        return signed;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** numpy's dtype name, for example {@code uint8}. */
    public String numpyName() {
        return numpyName;
    }

    /** The type for a numpy name such as {@code float32}. */
    public static PixelType ofNumpyName(String name) {
        for (PixelType t : values()) {
            if (t.numpyName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported pixel type '" + name + "'");
    }

    /** The integer type of the given width and signedness. */
    public static PixelType integer(int bytes, boolean signed) {
        for (PixelType t : values()) {
            if (t != BOOL && !t.floatingPoint && t.bytes == bytes && t.signed == signed) {
                return t;
            }
        }
        throw new IllegalArgumentException("no " + (signed ? "signed" : "unsigned") + " integer type of " + bytes + " bytes");
    }

    /** The floating-point type of the given width. */
    public static PixelType floating(int bytes) {
        return switch (bytes) {
            case 4 -> FLOAT32;
            case 8 -> FLOAT64;
            default -> throw new IllegalArgumentException("no floating-point type of " + bytes + " bytes");
        };
    }
}
