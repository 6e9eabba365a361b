package org.omeroilastik.model.repository;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.omeroilastik.model.PixelType;

/**
 * One channel of an image as a viewer shows it: its label, its display colour (RRGGBB, as OMERO's
 * rendering settings and OME-Zarr's "omero" block write it), the display window start..end in raw
 * values, and the emission wavelength in nm where the acquisition metadata has one.
 */
public record Channel(String label, String colour, double windowStart, double windowEnd, OptionalDouble emissionWavelength) {

    /** OMERO's order of default colours for multi-channel images without wavelengths. */
    private static final List<String> DEFAULT_COLOURS = List.of("FF0000", "00FF00", "0000FF", "FF00FF", "00FFFF", "FFFF00", "FFFFFF");

    public Channel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(emissionWavelength, "emissionWavelength");
        if (colour == null || !colour.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("channel \"" + label + "\": colour \"" + colour + "\" is not RRGGBB");
        }
        colour = colour.toUpperCase(java.util.Locale.ROOT);
    }

    /** The colour as 0xRRGGBB. */
    public int rgb() {
        return Integer.parseInt(colour, 16);
    }

    /**
     * Channels for an image whose store keeps no channel metadata: "Channel 1", "Channel 2"…, white for
     * a single channel, else OMERO's default colours, and the pixel type's whole range as the window
     * (0..1 for floating point, the range of probabilities).
     */
    public static List<Channel> defaults(int count, PixelType type) {
        double start = 0, end = 1;
        if (!type.isFloatingPoint()) {
            int bits = type.bytes() * 8;
            start = type.isSigned() ? -Math.pow(2, bits - 1) : 0;
            end = type.isSigned() ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
        }
        Channel[] out = new Channel[count];
        for (int i = 0; i < count; i++) {
            String colour = count == 1 ? "FFFFFF" : DEFAULT_COLOURS.get(i % DEFAULT_COLOURS.size());
            out[i] = new Channel("Channel " + (i + 1), colour, start, end, OptionalDouble.empty());
        }
        return List.of(out);
    }
}
