package org.omeroilastik.image.io;

import java.nio.file.Path;

import org.omeroilastik.internal.image.io.TiffImageFormat;

/** OME-TIFF: a TIFF named {@code .ome.tif} or {@code .ome.tiff} whose page 0 describes it in OME-XML. */
public final class OmeTiff {
    private OmeTiff() {
    }

    /** Whether the file name asks for OME-TIFF (the TIFF format then writes OME-XML). */
    public static boolean hasOmeName(Path file) {
        return TiffImageFormat.isOmeTiff(file);
    }

    /**
     * Whether {@code file} is an OME-TIFF: the name and OME-XML in page 0's ImageDescription (only
     * the header is read; whether that XML is well-formed is for the TIFF format's describe to say).
     */
    public static boolean isOmeTiff(Path file) throws ImageIoException {
        return hasOmeName(file) && TiffImageFormat.hasOmeXml(file);
    }
}
