package org.omeroilastik.testing.ui;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what a shell shows to docs/screenshots (the build passes the folder in a system property). */
public final class Screenshots {
    public static final String PROPERTY = "omero.ilastik.screenshots";

    private Screenshots() {
    }

    public static Path save(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        Rectangle r = shell.getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
        } finally {
            gc.dispose();
        }
        Path dir = Path.of(System.getProperty(PROPERTY, "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageLoader loader = new ImageLoader();
        loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
        loader.save(file.toString(), SWT.IMAGE_PNG);
        image.dispose();
        return file;
    }
}
