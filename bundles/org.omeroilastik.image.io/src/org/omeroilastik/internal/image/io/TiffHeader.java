package org.omeroilastik.internal.image.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.imageio.stream.ImageInputStream;

/**
 * Page 0's ImageDescription read from the file's bytes. The JDK's TIFF reader decodes ASCII tags as
 * US-ASCII, which turns the UTF-8 {@code µ} of OME-XML's default unit into U+FFFD; OME-XML is UTF-8.
 */
final class TiffHeader {
    private static final int TAG_IMAGE_DESCRIPTION = 270;
    /** OME-XML of a large plate runs to megabytes; more than this is not a description. */
    private static final long MAX_DESCRIPTION_BYTES = 256L << 20;

    private TiffHeader() {
    }

    /**
     * The description of the first IFD (up to its first NUL), empty when there is none or the stream is
     * not a classic TIFF. Leaves the stream's position and byte order as it found them.
     */
    static Optional<String> imageDescription(ImageInputStream in) throws IOException {
        long start = in.getStreamPosition();
        ByteOrder order = in.getByteOrder();
        try {
            in.seek(0);
            int b0 = in.read();
            int b1 = in.read();
            if (b0 == 'I' && b1 == 'I') {
                in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
            } else if (b0 == 'M' && b1 == 'M') {
                in.setByteOrder(ByteOrder.BIG_ENDIAN);
            } else {
                return Optional.empty();
            }
            if (in.readUnsignedShort() != 42) {
                return Optional.empty(); // BigTIFF (43): the JDK's reader refuses it anyway
            }
            long ifd = in.readUnsignedInt();
            in.seek(ifd);
            int entries = in.readUnsignedShort();
            for (int i = 0; i < entries; i++) {
                in.seek(ifd + 2 + 12L * i);
                int tag = in.readUnsignedShort();
                int type = in.readUnsignedShort();
                long count = in.readUnsignedInt();
                // ASCII (2); some writers store the description as BYTE (1) or UNDEFINED (7).
                if (tag != TAG_IMAGE_DESCRIPTION || (type != 2 && type != 1 && type != 7)) {
                    continue;
                }
                if (count > MAX_DESCRIPTION_BYTES) {
                    throw new IOException("ImageDescription of " + count + " bytes");
                }
                byte[] bytes = new byte[(int) count];
                if (count > 4) {
                    in.seek(in.readUnsignedInt());
                }
                in.readFully(bytes);
                int end = 0;
                while (end < bytes.length && bytes[end] != 0) {
                    end++;
                }
                return Optional.of(decode(bytes, end));
            }
            return Optional.empty();
        } finally {
            in.setByteOrder(order);
            in.seek(start);
        }
    }

    /** UTF-8 as OME-XML requires; Latin-1 (every byte a character) when the bytes are not UTF-8. */
    private static String decode(byte[] bytes, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The string to hand the JDK's TIFF writer so the file holds {@code text} as UTF-8: the writer
     * stores each character's low byte, so each UTF-8 byte becomes one character.
     */
    static String forWriter(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
