package org.omeroilastik.ui;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * Thumbnails as the icons of image nodes: asked for when a node is first shown, read and decoded
 * in one Job that works through a queue, kept per connection as SWT images (centred on a transparent
 * square, so rows keep one height) until the connection is removed or the view disposed.
 */
final class TreeThumbnails {
    /** The icons' side in pixels. */
    static final int SIZE = 32;

    private final Display display;
    private final RepositoryTreeLoader loader;
    private final Consumer<ExplorerNode> loaded;
    /** Display thread only. */
    private final Map<String, Map<Long, Image>> images = new HashMap<>();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final Queue<ExplorerNode> queue = new ConcurrentLinkedQueue<>();
    private final Job reader;
    private volatile boolean disposed;

    TreeThumbnails(Display display, RepositoryTreeLoader loader, Consumer<ExplorerNode> loaded) {
        this.display = display;
        this.loader = loader;
        this.loaded = loaded;
        this.reader = Job.create("Reading thumbnails", this::readQueued);
        reader.setSystem(true);
    }

    /** The node's icon, or null until it has been read (then {@code loaded} is called with the node). */
    Image icon(ExplorerNode node) {
        Map<Long, Image> known = images.get(node.source());
        Image icon = known == null ? null : known.get(node.id());
        if (icon == null && requested.add(node.source() + "#" + node.id())) {
            queue.add(node);
            reader.schedule();
        }
        return icon;
    }

    private org.eclipse.core.runtime.IStatus readQueued(IProgressMonitor monitor) {
        for (ExplorerNode node = queue.poll(); node != null && !disposed && !monitor.isCanceled(); node = queue.poll()) {
            ImageData data;
            try {
                data = square(new ImageData(new ByteArrayInputStream(loader.thumbnail(node, SIZE))));
            } catch (Exception e) { // SWTException for bytes SWT cannot decode
                continue; // no icon for an image without a thumbnail; its metadata panel says why
            }
            ExplorerNode shown = node;
            display.asyncExec(() -> add(shown, data));
        }
        return Status.OK_STATUS;
    }

    /**
     * The thumbnail scaled to fit {@link #SIZE} and centred on a transparent square (rows keep one
     * height, and a selected row shows through the margins). Plain image data: built in the Job.
     */
    static ImageData square(ImageData data) {
        double f = Math.min(1.0, (double) SIZE / Math.max(data.width, data.height));
        ImageData scaled = data.scaledTo(Math.max(1, (int) Math.round(data.width * f)), Math.max(1, (int) Math.round(data.height * f)));
        ImageData out = new ImageData(SIZE, SIZE, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        out.alphaData = new byte[SIZE * SIZE];
        int ox = (SIZE - scaled.width) / 2, oy = (SIZE - scaled.height) / 2;
        for (int y = 0; y < scaled.height; y++) {
            for (int x = 0; x < scaled.width; x++) {
                RGB rgb = scaled.palette.getRGB(scaled.getPixel(x, y));
                out.setPixel(ox + x, oy + y, out.palette.getPixel(rgb));
                out.alphaData[(oy + y) * SIZE + ox + x] = (byte) 255;
            }
        }
        return out;
    }

    private void add(ExplorerNode node, ImageData data) {
        if (disposed || !requested.contains(node.source() + "#" + node.id())) {
            return; // the view or the connection went while it was read
        }
        Image icon = new Image(display, data);
        Image old = images.computeIfAbsent(node.source(), s -> new HashMap<>()).put(node.id(), icon);
        if (old != null) {
            old.dispose();
        }
        loaded.accept(node);
    }

    /** Disposes a connection's icons (it was removed). */
    void forget(String source) {
        requested.removeIf(k -> k.startsWith(source + "#"));
        Map<Long, Image> gone = images.remove(source);
        if (gone != null) {
            gone.values().forEach(Image::dispose);
        }
    }

    void dispose() {
        disposed = true;
        reader.cancel();
        images.values().forEach(m -> m.values().forEach(Image::dispose));
        images.clear();
    }
}
