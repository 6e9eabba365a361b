package org.omeroilastik.hdf5;

/**
 * The element type of a dataset or attribute, reduced to what callers need to decode it.
 *
 * @param typeClass what kind of values these are
 * @param size bytes per element in the file (for variable-length strings, the pointer size)
 * @param signed for integers, whether they are signed
 */
public record Hdf5Type(TypeClass typeClass, int size, boolean signed) {

    /** The kinds of HDF5 element types we tell apart. */
    public enum TypeClass {
        INTEGER, FLOAT, STRING, VARIABLE_STRING,
        /** h5py's bool: an 8-bit enum FALSE/TRUE; other enums are read as their base integers. */
        BOOLEAN,
        /** Opaque bytes, as h5py writes pickled values (np.void). */
        OPAQUE,
        /** Compound, array, reference, bitfield and variable-length types: kept as raw bytes. */
        RAW
    }

    public static Hdf5Type integer(int size, boolean signed) {
        return new Hdf5Type(TypeClass.INTEGER, size, signed);
    }

    public static Hdf5Type floating(int size) {
        return new Hdf5Type(TypeClass.FLOAT, size, true);
    }

    public static final Hdf5Type BOOLEAN = new Hdf5Type(TypeClass.BOOLEAN, 1, false);
    public static final Hdf5Type VARIABLE_STRING = new Hdf5Type(TypeClass.VARIABLE_STRING, 8, false);

    public boolean isNumeric() {
        return typeClass == TypeClass.INTEGER || typeClass == TypeClass.FLOAT || typeClass == TypeClass.BOOLEAN;
    }

    public boolean isString() {
        return typeClass == TypeClass.STRING || typeClass == TypeClass.VARIABLE_STRING;
    }

    @Override
    public String toString() {
        return switch (typeClass) {
            case INTEGER -> (signed ? "int" : "uint") + size * 8;
            case FLOAT -> "float" + size * 8;
            case STRING -> "string[" + size + "]";
            case VARIABLE_STRING -> "string";
            case BOOLEAN -> "bool";
            case OPAQUE -> "opaque[" + size + "]";
            case RAW -> "raw[" + size + "]";
        };
    }
}
