package org.omeroilastik.internal.image.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.omeroilastik.image.io.AxisTags;
import org.omeroilastik.image.io.ImageFormat;
import org.omeroilastik.image.io.ImageIoException;
import org.omeroilastik.image.io.ImageSource;
import org.omeroilastik.image.io.ImageTarget;
import org.omeroilastik.image.io.NdImage;
import org.omeroilastik.model.AxisOrder;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PixelType;
import org.osgi.service.component.annotations.Component;

/**
 * numpy's .npy format (versions 1 to 3). An array in Fortran order is the C-order array of the
 * reversed shape, so it is read without copying and its axes are reported reversed.
 */
@Component(service = ImageFormat.class)
public final class NpyImageFormat implements ImageFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private record Header(PixelType type, ByteOrder order, boolean fortran, long[] shape, long dataOffset) {
    }

    @Override
    public String id() {
        return "npy";
    }

    @Override
    public List<String> extensions() {
        return List.of(".npy");
    }

    @Override
    public ImageDescriptor describe(ImageSource source) throws ImageIoException {
        return descriptor(source, header(source.file()));
    }

    @Override
    public NdImage read(ImageSource source) throws ImageIoException {
        Header h = header(source.file());
        ImageDescriptor d = descriptor(source, h);
        long count = d.elementCount();
        long bytes = count * h.type.bytes();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new ImageIoException(source.file() + ": " + bytes + " bytes is too large to read at once");
        }
        try (FileChannel ch = FileChannel.open(source.file(), StandardOpenOption.READ)) {
            if (ch.size() < h.dataOffset + bytes) {
                throw new ImageIoException(source.file() + ": truncated .npy file (" + ch.size() + " bytes, header promises "
                        + (h.dataOffset + bytes) + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(h.order);
            ch.position(h.dataOffset);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            buf.flip();
            Object array = ImgArrays.allocate(h.type, (int) count);
            switch (array) {
                case byte[] b -> buf.get(b);
                case short[] s -> buf.asShortBuffer().get(s);
                case int[] a -> buf.asIntBuffer().get(a);
                case long[] l -> buf.asLongBuffer().get(l);
                case float[] f -> buf.asFloatBuffer().get(f);
                case double[] x -> buf.asDoubleBuffer().get(x);
                default -> throw new IllegalStateException();
            }
            return new NdImage(d, ImgArrays.wrap(h.type, array, d.shape()));
        } catch (IOException e) {
            throw e instanceof ImageIoException ie ? ie : new ImageIoException(source.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canWrite(PixelType type, AxisOrder axes) {
        return true;
    }

    @Override
    public void write(NdImage image, ImageTarget target) throws ImageIoException {
        ImageDescriptor d = image.descriptor();
        PixelType t = d.pixelType();
        StringBuilder shape = new StringBuilder("(");
        for (long s : d.shape()) {
            shape.append(s).append(", ");
        }
        if (d.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (d.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '" + descr(t) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = MAGIC.length + 4 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        Object array = ImgArrays.toArray(image.pixels(), t);
        Path tmp = target.file().resolveSibling(target.file().getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            out.write(MAGIC);
            out.write(new byte[] {1, 0, (byte) (header.length() & 0xFF), (byte) (header.length() >> 8)});
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            writeLittleEndian(out, array);
        } catch (IOException e) {
            throw new ImageIoException(target.file() + ": cannot write: " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, target.file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ImageIoException(target.file() + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writeLittleEndian(OutputStream out, Object array) throws IOException {
        int n = java.lang.reflect.Array.getLength(array);
        if (array instanceof byte[] b) {
            out.write(b);
            return;
        }
        int width = switch (array) {
            case short[] s -> 2;
            case int[] a -> 4;
            case float[] f -> 4;
            default -> 8;
        };
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = buf.capacity() / width;
        for (int start = 0; start < n; start += perChunk) {
            int end = Math.min(n, start + perChunk);
            buf.clear();
            switch (array) {
                case short[] s -> buf.asShortBuffer().put(s, start, end - start);
                case int[] a -> buf.asIntBuffer().put(a, start, end - start);
                case long[] l -> buf.asLongBuffer().put(l, start, end - start);
                case float[] f -> buf.asFloatBuffer().put(f, start, end - start);
                case double[] x -> buf.asDoubleBuffer().put(x, start, end - start);
                default -> throw new IllegalStateException();
            }
            out.write(buf.array(), 0, (end - start) * width);
        }
    }

    private static String descr(PixelType t) {
        char kind = t.isFloatingPoint() ? 'f' : t == PixelType.BOOL ? 'b' : t.isSigned() ? 'i' : 'u';
        return (t.bytes() == 1 ? "|" : "<") + kind + t.bytes();
    }

    private static ImageDescriptor descriptor(ImageSource source, Header h) throws ImageIoException {
        AxisOrder axes;
        try {
            axes = source.axes().orElseGet(() -> AxisTags.guess(h.shape));
        } catch (IllegalArgumentException e) {
            throw new ImageIoException(source.file() + ": " + e.getMessage());
        }
        if (axes.size() != h.shape.length) {
            throw new ImageIoException(source.file() + ": array has " + h.shape.length + " dimensions but axes '" + axes
                    + "' name " + axes.size());
        }
        return h.fortran ? new ImageDescriptor(axes.reversed(), ImgArrays.reversed(h.shape), h.type)
                : new ImageDescriptor(axes, h.shape, h.type);
    }

    private static Header header(Path file) throws ImageIoException {
        FormatFiles.requireFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(10);
            if (start.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(start, 6), MAGIC)) {
                throw new ImageIoException(file + ": not a .npy file");
            }
            int major = start[6];
            long len;
            int prefix;
            if (major == 1) {
                len = (start[8] & 0xFF) | (start[9] & 0xFF) << 8;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                byte[] more = in.readNBytes(2);
                len = (start[8] & 0xFFL) | (start[9] & 0xFFL) << 8 | (more[0] & 0xFFL) << 16 | (more[1] & 0xFFL) << 24;
                prefix = 12;
            } else {
                throw new ImageIoException(file + ": unsupported .npy version " + major);
            }
            String dict = new String(in.readNBytes((int) len), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher m = DESCR.matcher(dict);
            if (!m.find()) {
                throw new ImageIoException(file + ": unsupported .npy dtype in header " + dict.strip());
            }
            ByteOrder order = m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int bytes = Integer.parseInt(m.group(3));
            PixelType type = switch (m.group(2)) {
                case "b" -> PixelType.BOOL;
                case "u" -> PixelType.integer(bytes, false);
                case "i" -> PixelType.integer(bytes, true);
                case "f" -> PixelType.floating(bytes);
                default -> throw new ImageIoException(file + ": unsupported .npy dtype '" + m.group(2) + bytes + "'");
            };
            Matcher f = FORTRAN.matcher(dict);
            Matcher s = SHAPE.matcher(dict);
            if (!f.find() || !s.find()) {
                throw new ImageIoException(file + ": malformed .npy header " + dict.strip());
            }
            List<Long> dims = new ArrayList<>();
            for (String part : s.group(1).split(",")) {
                if (!part.isBlank()) {
                    dims.add(Long.parseLong(part.strip().replace("L", "")));
                }
            }
            return new Header(type, order, f.group(1).equals("True"), dims.stream().mapToLong(Long::longValue).toArray(),
                    prefix + len);
        } catch (IllegalArgumentException e) {
            throw new ImageIoException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw e instanceof ImageIoException ie ? ie : new ImageIoException(file + ": " + e.getMessage(), e);
        }
    }
}
