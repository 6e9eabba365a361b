package org.omeroilastik.internal.zarr;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Units between OME-NGFF 0.4 (UDUNITS-2 names: {@code micrometer}, {@code second}) and the OME symbols
 * our physical sizes carry ({@code µm}, {@code s}), as OME-TIFF reading gives them.
 */
public final class NgffUnits {
    /** NGFF 0.4's space units. */
    public static final Set<String> SPACE = Set.of("angstrom", "attometer", "centimeter", "decimeter", "exameter", "femtometer", "foot",
            "gigameter", "hectometer", "inch", "kilometer", "megameter", "meter", "micrometer", "mile", "millimeter", "nanometer", "parsec",
            "petameter", "picometer", "terameter", "yard", "yoctometer", "yottameter", "zeptometer", "zettameter");
    /** NGFF 0.4's time units. */
    public static final Set<String> TIME = Set.of("attosecond", "centisecond", "day", "decisecond", "exasecond", "femtosecond",
            "gigasecond", "hectosecond", "hour", "kilosecond", "megasecond", "microsecond", "millisecond", "minute", "nanosecond",
            "petasecond", "picosecond", "second", "terasecond", "yoctosecond", "yottasecond", "zeptosecond", "zettasecond");

    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("micrometer", "\u00b5m"), Map.entry("nanometer", "nm"),
            Map.entry("millimeter", "mm"), Map.entry("centimeter", "cm"), Map.entry("meter", "m"), Map.entry("picometer", "pm"),
            Map.entry("kilometer", "km"), Map.entry("angstrom", "\u00c5"), Map.entry("second", "s"), Map.entry("millisecond", "ms"),
            Map.entry("microsecond", "\u00b5s"), Map.entry("nanosecond", "ns"), Map.entry("minute", "min"), Map.entry("hour", "h"),
            Map.entry("day", "d"));

    private NgffUnits() {
    }

    /** Our unit for an NGFF unit name: the OME symbol where there is one, else the name as written. */
    public static String fromNgff(String unit) {
        return unit == null ? "" : SYMBOLS.getOrDefault(unit, unit);
    }

    /** The NGFF name for our unit ({@code µm}, {@code um}, {@code micron}, {@code micrometer} ...), empty when NGFF has none. */
    public static Optional<String> toNgff(String unit, boolean time) {
        String u = unit.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        String name = switch (lower) {
            case "um", "\u00b5m", "\u03bcm", "micron", "microns", "micrometre" -> "micrometer";
            case "nanometre" -> "nanometer";
            case "millimetre" -> "millimeter";
            case "metre" -> "meter";
            case "\u00e5" -> "angstrom";
            case "sec", "seconds" -> "second";
            default -> SYMBOLS.entrySet().stream().filter(e -> e.getValue().equals(u)).map(Map.Entry::getKey).findFirst().orElse(lower);
        };
        return (time ? TIME : SPACE).contains(name) ? Optional.of(name) : Optional.empty();
    }
}
