package org.omeroilastik.zarr;

import java.nio.ByteOrder;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.omeroilastik.model.PixelType;

/**
 * A Zarr v2 {@code dtype} such as {@code "<u2"}, {@code ">f4"} or {@code "|u1"}: the pixel type and
 * the byte order of its items in chunks. Booleans ({@code "|b1"}) read as {@link PixelType#UINT8}.
 */
public record ZarrDataType(PixelType pixelType, ByteOrder byteOrder, boolean bool) {
    private static final Pattern DTYPE = Pattern.compile("([<>|=])([uifb])(\\d+)");

    public ZarrDataType {
        Objects.requireNonNull(pixelType, "pixelType");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (pixelType == PixelType.BOOL) {
            pixelType = PixelType.UINT8;
            bool = true;
        }
    }

    public static ZarrDataType of(PixelType type, ByteOrder order) {
        return new ZarrDataType(type, order, false);
    }

    /** Bytes per item. */
    public int itemSize() {
        return pixelType.bytes();
    }

    /** The dtype string as written in {@code .zarray}, for example {@code "<u2"} ({@code "|u1"} for one byte). */
    public String dtype() {
        char kind = bool ? 'b' : pixelType.isFloatingPoint() ? 'f' : pixelType.isSigned() ? 'i' : 'u';
        char order = itemSize() == 1 ? '|' : byteOrder == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return "" + order + kind + itemSize();
    }

    /**
     * Parses a dtype string; supported are u1..u8, i1..i8, f4, f8 and b1 in either byte order.
     *
     * @throws IllegalArgumentException naming the dtype when it is not one of those
     */
    public static ZarrDataType parse(String dtype) {
        Matcher m = DTYPE.matcher(dtype == null ? "" : dtype);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported dtype " + quote(dtype) + " (supported: u1, u2, u4, u8, i1, i2, i4, i8, f4, f8, b1 "
                    + "with byte order <, > or |)");
        }
        int size = Integer.parseInt(m.group(3));
        ByteOrder order = switch (m.group(1)) {
            case ">" -> ByteOrder.BIG_ENDIAN;
            case "<" -> ByteOrder.LITTLE_ENDIAN;
            case "=" -> ByteOrder.nativeOrder();
            default -> {
                if (size != 1) {
                    throw new IllegalArgumentException("dtype " + quote(dtype) + " has no byte order");
                }
                yield ByteOrder.LITTLE_ENDIAN;
            }
        };
        try {
            return switch (m.group(2)) {
                case "u" -> of(PixelType.integer(size, false), order);
                case "i" -> of(PixelType.integer(size, true), order);
                case "f" -> of(PixelType.floating(size), order);
                default -> {
                    if (size != 1) {
                        throw new IllegalArgumentException("no boolean of " + size + " bytes");
                    }
                    yield new ZarrDataType(PixelType.UINT8, order, true);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported dtype " + quote(dtype) + ": " + e.getMessage());
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Override
    public String toString() {
        return dtype();
    }
}
