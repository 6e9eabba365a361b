package org.omeroilastik.internal.ui.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.part.ViewPart;
import org.omeroilastik.model.Axis;
import org.omeroilastik.model.ImageDescriptor;
import org.omeroilastik.model.PhysicalSize;
import org.omeroilastik.model.results.PolygonShape;
import org.omeroilastik.platform.OsgiServices;
import org.omeroilastik.repository.Browse;
import org.omeroilastik.repository.Repositories;
import org.omeroilastik.repository.Repository;
import org.omeroilastik.repository.RepositoryException;
import org.omeroilastik.ui.DisplayThreadGuard;
import org.omeroilastik.ui.ImageReference;
import org.omeroilastik.ui.results.ImageResults;
import org.omeroilastik.ui.results.PlaneReader;
import org.omeroilastik.ui.results.PlaneRegion;
import org.omeroilastik.ui.results.ResultOverlay;
import org.omeroilastik.ui.results.ViewMapping;

/**
 * An n-d image viewer: z and t sliders, a colour and display range per channel, zoom (wheel) and pan
 * (drag), and the overlays the resultViewers contributions make of the image's results. Each frame
 * reads only the region of the plane shown (sampled when zoomed out) through the repository's
 * RawData, in a Job; the frame's pixel buffers are reused, and the display thread only turns the
 * finished frame into an SWT image and draws it with the vector overlays.
 */
public final class ImageViewerView extends ViewPart {
    public static final String ID = "org.omeroilastik.ui.results.views.imageViewer";
    private static final int BACKGROUND = 0x202124;
    private static final int HIGHLIGHT = 0x00E5FF;

    private Canvas canvas;
    private Label title;
    private Label status;
    private Scale zSlider;
    private Scale tSlider;
    private Label zLabel;
    private Label tLabel;
    private Composite channelsBox;
    private Composite overlaysBox;
    private ScrolledComposite side;

    // Display-thread state.
    private ImageResults results;
    private ChannelSettings channels;
    private final List<OverlayState> overlays = new ArrayList<>();
    private int t;
    private int z;
    private double zoom = 1;
    private double originX;
    private double originY;
    private ResultObject highlighted;
    private boolean autoRangePending;
    private Image frame;
    private PlaneRegion frameRegion;
    private final List<Spinner[]> rangeSpinners = new ArrayList<>();

    private final RenderJob renderJob = new RenderJob();
    /** Frames finished and shown since the view opened (tests wait on it). */
    private final AtomicInteger framesShown = new AtomicInteger();

    /** An overlay with the switch and opacity the user chose. */
    static final class OverlayState {
        final String contribution;
        final ResultOverlay overlay;
        boolean visible;
        double opacity;

        OverlayState(String contribution, ResultOverlay overlay, boolean visible, double opacity) {
            this.contribution = contribution;
            this.overlay = overlay;
            this.visible = visible;
            this.opacity = opacity;
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.horizontalSpacing = 0;
        parent.setLayout(layout);
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setData("id", "imageCanvas");
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.Resize, e -> requestFrame());
        canvas.addListener(SWT.MouseVerticalWheel, e -> zoomAt(e.count > 0 ? 1.25 : 0.8, e.x, e.y));
        int[] drag = new int[3];
        canvas.addListener(SWT.MouseDown, e -> {
            drag[0] = e.x;
            drag[1] = e.y;
            drag[2] = e.button == 1 ? 1 : 0;
        });
        canvas.addListener(SWT.MouseUp, e -> drag[2] = 0);
        canvas.addListener(SWT.MouseMove, e -> {
            if (drag[2] == 1 && results != null) {
                panBy(e.x - drag[0], e.y - drag[1]);
                drag[0] = e.x;
                drag[1] = e.y;
            }
            showStatus(e.x, e.y);
        });

        side = new ScrolledComposite(parent, SWT.V_SCROLL);
        GridData sideData = new GridData(SWT.FILL, SWT.FILL, false, true);
        sideData.widthHint = 270;
        side.setLayoutData(sideData);
        Composite panel = new Composite(side, SWT.NONE);
        panel.setLayout(new GridLayout(1, false));
        side.setContent(panel);
        side.setExpandHorizontal(true);
        side.setExpandVertical(true);
        title = new Label(panel, SWT.WRAP);
        title.setData("id", "viewerTitle");
        title.setText("No image. Use \u201cOpen Results\u201d on an image in the Data Explorer or on a finished task in the Jobs view.");
        GridData titleData = new GridData(SWT.FILL, SWT.TOP, true, false);
        titleData.widthHint = 230;
        title.setLayoutData(titleData);

        Group plane = new Group(panel, SWT.NONE);
        plane.setText("Plane");
        plane.setLayout(new GridLayout(2, false));
        plane.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        zLabel = new Label(plane, SWT.NONE);
        zSlider = slider(plane, "zSlider");
        tLabel = new Label(plane, SWT.NONE);
        tSlider = slider(plane, "tSlider");
        zSlider.addListener(SWT.Selection, e -> setPlane(t, zSlider.getSelection()));
        tSlider.addListener(SWT.Selection, e -> setPlane(tSlider.getSelection(), z));

        Group overlayGroup = new Group(panel, SWT.NONE);
        overlayGroup.setText("Overlays");
        overlayGroup.setLayout(new GridLayout(1, false));
        overlayGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        overlaysBox = new Composite(overlayGroup, SWT.NONE);
        overlaysBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        overlaysBox.setLayout(new GridLayout(2, false));

        Group channelGroup = new Group(panel, SWT.NONE);
        channelGroup.setText("Channels");
        channelGroup.setLayout(new GridLayout(1, false));
        channelGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        channelsBox = new Composite(channelGroup, SWT.NONE);
        channelsBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        channelsBox.setLayout(new GridLayout(2, false));
        ((GridLayout) channelsBox.getLayout()).marginWidth = 0;

        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        GridLayout barLayout = new GridLayout(2, false);
        barLayout.marginHeight = 0;
        bar.setLayout(barLayout);
        status = new Label(bar, SWT.NONE);
        status.setData("id", "viewerStatus");
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button fit = new Button(bar, SWT.PUSH);
        fit.setText("Fit to window");
        fit.addListener(SWT.Selection, e -> {
            fit();
            requestFrame();
        });
        updatePlaneControls();
    }

    private static Scale slider(Composite parent, String id) {
        Scale s = new Scale(parent, SWT.HORIZONTAL);
        s.setData("id", id);
        s.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return s;
    }

    // ---- opening an image ---------------------------------------------------------------------------

    /** Opens the results of an image: everything is read in a Job; the returned Job finishes when the view shows them. */
    public Job open(ImageReference image) {
        title.setText("Opening " + image.name() + "\u2026");
        Display display = canvas.getDisplay();
        Job job = Job.create("Opening results of " + image.name(), (IProgressMonitor monitor) -> {
            DisplayThreadGuard.check("opening the results of image " + image.imageId());
            Repository repo = null;
            try {
                repo = OsgiServices.get(ImageViewerView.class, Repositories.class).open(image.source(), false);
                Browse b = repo.browse();
                ImageResults loaded = new ImageResults(repo, b.image(image.imageId()), b.channels(image.imageId()), b.derivedImages(image.imageId()), b.rois(image.imageId()),
                        b.tables(image.imageId()));
                List<OverlayState> made = new ArrayList<>();
                for (ResultViewerRegistry.Contribution c : ResultViewerRegistry.contributions()) {
                    for (ResultOverlay o : c.viewer().overlays(loaded)) {
                        made.add(new OverlayState(c.id(), o, c.visible(), c.opacity()));
                    }
                }
                Repository opened = repo;
                display.syncExec(() -> {
                    if (canvas.isDisposed()) {
                        close(opened);
                    } else {
                        show(loaded, made);
                    }
                });
                return Status.OK_STATUS;
            } catch (RepositoryException | RuntimeException e) {
                close(repo);
                display.asyncExec(() -> {
                    if (!title.isDisposed()) {
                        title.setText("Cannot open the results of " + image.name() + ": " + e.getMessage());
                    }
                });
                return new Status(IStatus.ERROR, "org.omeroilastik.ui.results", image.source() + ": image " + image.imageId() + ": "
                        + e.getMessage(), e);
            }
        });
        job.schedule();
        return job;
    }

    private static void close(Repository repo) {
        if (repo != null) {
            Job.create("Closing a repository", m -> {
                try {
                    repo.close();
                } catch (RepositoryException ignored) {
                    // nothing is written through the viewer's connection
                }
                return Status.OK_STATUS;
            }).schedule();
        }
    }

    private void show(ImageResults loaded, List<OverlayState> made) {
        if (results != null) {
            close(results.repository());
        }
        results = loaded;
        if (frame != null) {
            frame.dispose();
            frame = null;
            frameRegion = null;
        }
        ImageDescriptor d = loaded.image().pixels();
        channels = new ChannelSettings((int) d.channels(), loaded.channels());
        autoRangePending = true;
        overlays.clear();
        overlays.addAll(made);
        highlighted = null;
        t = 0;
        z = (int) d.size(Axis.Z) / 2;
        title.setText(loaded.image().name() + "\n" + d.toString().replaceAll(" \\{.*", "") + "\n" + loaded.derivedImages().size()
                + " derived images, " + loaded.rois().size() + " ROIs, " + loaded.tables().size() + " table(s)");
        buildChannelControls();
        buildOverlayControls();
        updatePlaneControls();
        // Scroll vertically only: the panel keeps the side's width.
        side.setMinHeight(side.getContent().computeSize(side.getClientArea().width, SWT.DEFAULT).y);
        side.getContent().getParent().layout(true, true);
        fit();
        requestFrame();
        if (getSite().getPage().findView(ObjectTableView.ID) instanceof ObjectTableView table) {
            table.show(loaded);
        }
    }

    private void buildChannelControls() {
        for (Control c : channelsBox.getChildren()) {
            c.dispose();
        }
        rangeSpinners.clear();
        ImageDescriptor d = results.image().pixels();
        boolean floating = d.pixelType().isFloatingPoint();
        int digits = floating ? 2 : 0;
        int limit = floating ? 1_000_000 : (int) Math.min(Integer.MAX_VALUE, (1L << (8 * d.pixelType().bytes())) - 1);
        for (int c = 0; c < channels.colors.length; c++) {
            int ch = c;
            Button on = new Button(channelsBox, SWT.TOGGLE);
            on.setText(channels.labels[c]);
            on.setData("id", "channelToggle" + c);
            on.setToolTipText("Show channel " + c + " (" + channels.labels[c] + ")");
            on.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            on.setSelection(true);
            on.addListener(SWT.Selection, e -> {
                channels.active[ch] = on.getSelection();
                requestFrame();
            });
            Button color = new Button(channelsBox, SWT.PUSH);
            color.setData("id", "channelColor" + c);
            color.setToolTipText("Lookup-table colour of channel " + c);
            setSwatch(color, channels.colors[c]);
            color.addListener(SWT.Selection, e -> {
                ColorDialog dialog = new ColorDialog(color.getShell());
                int rgb = channels.colors[ch];
                dialog.setRGB(new RGB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
                RGB chosen = dialog.open();
                if (chosen != null) {
                    channels.colors[ch] = chosen.red << 16 | chosen.green << 8 | chosen.blue;
                    setSwatch(color, channels.colors[ch]);
                    requestFrame();
                }
            });
            new Label(channelsBox, SWT.NONE).setText("min");
            Spinner min = spinner(channelsBox, "channelMin" + c, digits, floating ? -limit : 0, limit);
            new Label(channelsBox, SWT.NONE).setText("max");
            Spinner max = spinner(channelsBox, "channelMax" + c, digits, floating ? -limit : 0, limit);
            double unit = Math.pow(10, digits);
            min.addListener(SWT.Selection, e -> {
                channels.min[ch] = min.getSelection() / unit;
                requestFrame();
            });
            max.addListener(SWT.Selection, e -> {
                channels.max[ch] = Math.max(channels.min[ch] + 1 / unit, max.getSelection() / unit);
                requestFrame();
            });
            rangeSpinners.add(new Spinner[] {min, max});
        }
        Button auto = new Button(channelsBox, SWT.PUSH);
        auto.setText("Auto contrast");
        auto.setToolTipText("Set every channel's range from the values of the region shown");
        auto.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        auto.addListener(SWT.Selection, e -> {
            autoRangePending = true;
            requestFrame();
        });
        channelsBox.layout(true, true);
    }

    private static Spinner spinner(Composite parent, String id, int digits, int min, int max) {
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setData("id", id);
        s.setDigits(digits);
        s.setMinimum(min);
        s.setMaximum(max);
        s.setToolTipText(id.contains("Min") ? "Display range: the value shown black" : "Display range: the value shown in full colour");
        s.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return s;
    }

    private static void setSwatch(Button button, int rgb) {
        Image old = button.getImage();
        Image swatch = new Image(button.getDisplay(), 14, 14);
        GC gc = new GC(swatch);
        gc.setBackground(new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
        gc.fillRectangle(0, 0, 14, 14);
        gc.dispose();
        button.setImage(swatch);
        button.addListener(SWT.Dispose, e -> swatch.dispose());
        if (old != null) {
            old.dispose();
        }
    }

    private void updateRangeSpinners() {
        boolean floating = results.image().pixels().pixelType().isFloatingPoint();
        double unit = floating ? 100 : 1;
        for (int c = 0; c < rangeSpinners.size(); c++) {
            rangeSpinners.get(c)[0].setSelection((int) Math.round(channels.min[c] * unit));
            rangeSpinners.get(c)[1].setSelection((int) Math.round(channels.max[c] * unit));
        }
    }

    private void buildOverlayControls() {
        for (Control c : overlaysBox.getChildren()) {
            c.dispose();
        }
        if (overlays.isEmpty()) {
            new Label(overlaysBox, SWT.NONE).setText("No results written for this image");
        }
        for (OverlayState o : overlays) {
            // Toggle buttons: their pressed state shows under every GTK theme (a check box's mark needs the icon theme).
            Button on = new Button(overlaysBox, SWT.TOGGLE);
            on.setText(o.overlay.name());
            on.setToolTipText("Show or hide " + o.overlay.name());
            GridData onData = new GridData(SWT.FILL, SWT.CENTER, false, false);
            onData.widthHint = 110;
            on.setLayoutData(onData);
            on.setData("id", "overlay:" + o.overlay.name());
            on.setSelection(o.visible);
            on.addListener(SWT.Selection, e -> {
                o.visible = on.getSelection();
                requestFrame();
            });
            Scale opacity = new Scale(overlaysBox, SWT.HORIZONTAL);
            opacity.setToolTipText("Opacity of " + o.overlay.name());
            opacity.setMinimum(0);
            opacity.setMaximum(100);
            opacity.setSelection((int) Math.round(o.opacity * 100));
            opacity.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            opacity.addListener(SWT.Selection, e -> {
                o.opacity = opacity.getSelection() / 100.0;
                requestFrame();
            });
        }
        overlaysBox.layout(true, true);
    }

    private void updatePlaneControls() {
        int nz = results == null ? 1 : (int) results.image().pixels().size(Axis.Z);
        int nt = results == null ? 1 : (int) results.image().pixels().size(Axis.T);
        zSlider.setMaximum(Math.max(1, nz - 1));
        zSlider.setSelection(z);
        zSlider.setEnabled(nz > 1);
        tSlider.setMaximum(Math.max(1, nt - 1));
        tSlider.setSelection(t);
        tSlider.setEnabled(nt > 1);
        // 0-based, as the object table and OMERO's shapes count planes.
        zLabel.setText("z " + z + " (0\u2013" + (nz - 1) + ")");
        tLabel.setText("t " + t + " (0\u2013" + (nt - 1) + ")");
        zLabel.getParent().layout();
    }

    // ---- navigation ---------------------------------------------------------------------------------

    private void setPlane(int newT, int newZ) {
        t = newT;
        z = newZ;
        updatePlaneControls();
        requestFrame();
    }

    private void fit() {
        if (results == null) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        ImageDescriptor d = results.image().pixels();
        double w = d.size(Axis.X), h = d.size(Axis.Y);
        zoom = Math.max(1e-3, Math.min(area.width / w, area.height / h) * 0.95);
        originX = w / 2 - area.width / (2 * zoom);
        originY = h / 2 - area.height / (2 * zoom);
    }

    private void zoomAt(double factor, int cx, int cy) {
        if (results == null) {
            return;
        }
        double ix = originX + cx / zoom, iy = originY + cy / zoom;
        zoom = Math.clamp(zoom * factor, 1e-3, 64);
        originX = ix - cx / zoom;
        originY = iy - cy / zoom;
        requestFrame();
    }

    private void panBy(int dx, int dy) {
        originX -= dx / zoom;
        originY -= dy / zoom;
        canvas.redraw();
        requestFrame();
    }

    private void centreOn(double ix, double iy) {
        Rectangle area = canvas.getClientArea();
        originX = ix - area.width / (2 * zoom);
        originY = iy - area.height / (2 * zoom);
    }

    /**
     * Moves to an object's plane, centres on it and outlines it, zooming so that it fills about half
     * of the view (never further out than the whole image, never beyond 16 screen pixels per pixel).
     */
    public void showObject(ResultObject object) {
        highlighted = object;
        Rectangle area = canvas.getClientArea();
        ImageDescriptor d = results.image().pixels();
        double whole = Math.min(area.width / (double) d.size(Axis.X), area.height / (double) d.size(Axis.Y)) * 0.95;
        double toObject = 0.5 * Math.min(area.width / (double) object.width(), area.height / (double) object.height());
        zoom = Math.clamp(Math.max(whole, toObject), 1e-3, 16);
        centreOn(object.x() + object.width() / 2.0, object.y() + object.height() / 2.0);
        setPlane(object.t(), object.z());
    }

    // ---- rendering ----------------------------------------------------------------------------------

    private ViewMapping mapping() {
        return new ViewMapping(zoom, originX, originY);
    }

    /** The part of the image the canvas shows now (image pixels, clipped to the image), or null. */
    private PlaneRegion visibleRegion() {
        Rectangle area = canvas.getClientArea();
        if (results == null || area.width < 1 || area.height < 1) {
            return null;
        }
        ImageDescriptor d = results.image().pixels();
        int x0 = (int) Math.max(0, Math.floor(originX));
        int y0 = (int) Math.max(0, Math.floor(originY));
        int x1 = (int) Math.min(d.size(Axis.X), Math.ceil(originX + area.width / zoom));
        int y1 = (int) Math.min(d.size(Axis.Y), Math.ceil(originY + area.height / zoom));
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        return new PlaneRegion(t, z, x0, y0, x1 - x0, y1 - y0, Math.max(1, (int) Math.floor(1 / zoom)));
    }

    /** Asks the render Job for a frame of the current state (the newest request wins). */
    private void requestFrame() {
        canvas.redraw();
        PlaneRegion region = visibleRegion();
        if (region == null) {
            return;
        }
        List<OverlayState> raster = new ArrayList<>();
        for (OverlayState o : overlays) {
            if (o.visible && o.opacity > 0) {
                raster.add(new OverlayState(o.contribution, o.overlay, true, o.opacity));
            }
        }
        renderJob.ask(new FrameRequest(results, region, channels.copy(), autoRangePending, raster));
        autoRangePending = false;
    }

    private record FrameRequest(ImageResults results, PlaneRegion region, ChannelSettings channels, boolean autoRange,
            List<OverlayState> overlays) {
    }

    /**
     * Renders the newest requested frame: reads the region's channels, composes them, blends the
     * raster overlays and fills the frame's ImageData (buffers reused from frame to frame; the next
     * frame waits until the display thread has taken the previous one).
     */
    private final class RenderJob extends Job {
        private final AtomicReference<FrameRequest> pending = new AtomicReference<>();
        private final Semaphore frameFree = new Semaphore(1);
        private final PlaneReader reader = new PlaneReader();
        private int[] rgb = new int[0];
        private ImageData data;

        RenderJob() {
            super("Rendering a plane");
            setSystem(true);
        }

        void ask(FrameRequest request) {
            pending.set(request);
            schedule();
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            FrameRequest r = pending.getAndSet(null);
            if (r == null) {
                return Status.OK_STATUS;
            }
            DisplayThreadGuard.check("rendering a plane of image " + r.results().image().id());
            PlaneRegion region = r.region();
            int n = region.outWidth() * region.outHeight();
            try {
                float[][] raw = reader.read(r.results().repository().rawData(), r.results().image().id(), r.results().image().pixels(), region);
                if (r.autoRange()) {
                    r.channels().autoRange(raw, n);
                }
                if (rgb.length < n) {
                    rgb = new int[n];
                }
                r.channels().compose(raw, n, rgb);
                for (OverlayState o : r.overlays()) {
                    o.overlay.blend(region, rgb, o.opacity);
                }
                frameFree.acquire();
                if (data == null || data.width != region.outWidth() || data.height != region.outHeight()) {
                    data = new ImageData(region.outWidth(), region.outHeight(), 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
                }
                byte[] bytes = data.data;
                int w = region.outWidth();
                for (int y = 0; y < region.outHeight(); y++) {
                    int o = y * data.bytesPerLine;
                    for (int x = 0; x < w; x++) {
                        int p = rgb[y * w + x];
                        bytes[o++] = (byte) (p >> 16);
                        bytes[o++] = (byte) (p >> 8);
                        bytes[o++] = (byte) p;
                    }
                }
            } catch (RepositoryException | RuntimeException e) {
                String message = e.getMessage();
                asyncOnView(() -> status.setText("Cannot render " + region + ": " + message));
                return Status.OK_STATUS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.CANCEL_STATUS;
            }
            ImageData filled = data;
            boolean auto = r.autoRange();
            ChannelSettings used = r.channels();
            Display display = canvas.isDisposed() ? null : canvas.getDisplay();
            if (display == null) {
                frameFree.release();
                return Status.OK_STATUS;
            }
            display.asyncExec(() -> {
                try {
                    if (canvas.isDisposed()) {
                        return;
                    }
                    if (auto && results == r.results()) {
                        System.arraycopy(used.min, 0, channels.min, 0, channels.min.length);
                        System.arraycopy(used.max, 0, channels.max, 0, channels.max.length);
                        updateRangeSpinners();
                    }
                    Image old = frame;
                    frame = new Image(canvas.getDisplay(), filled);
                    frameRegion = region;
                    if (old != null) {
                        old.dispose();
                    }
                    framesShown.incrementAndGet();
                    showStatus(-1, -1);
                    canvas.redraw();
                } finally {
                    // The buffer is free again whether or not the view still shows frames.
                    frameFree.release();
                }
            });
            return Status.OK_STATUS;
        }
    }

    /** Runs on the display thread unless the view is gone; false when it is. */
    private boolean asyncOnView(Runnable r) {
        Display display = canvas.isDisposed() ? null : canvas.getDisplay();
        if (display == null) {
            return false;
        }
        display.asyncExec(() -> {
            if (!canvas.isDisposed()) {
                r.run();
            }
        });
        return true;
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(rgb(BACKGROUND));
        gc.fillRectangle(area);
        if (results == null) {
            return;
        }
        ViewMapping view = mapping();
        // The newest frame, even while the next plane is being read (no flicker to black when moving through z).
        if (frame != null && frameRegion != null) {
            gc.setInterpolation(zoom >= 1 ? SWT.NONE : SWT.LOW);
            Rectangle src = frame.getBounds();
            int dx = view.toCanvasX(frameRegion.x());
            int dy = view.toCanvasY(frameRegion.y());
            gc.drawImage(frame, 0, 0, src.width, src.height, dx, dy, view.toCanvasX(frameRegion.x() + frameRegion.width()) - dx,
                    view.toCanvasY(frameRegion.y() + frameRegion.height()) - dy);
        }
        for (OverlayState o : overlays) {
            if (o.visible && o.opacity > 0) {
                o.overlay.draw(gc, view, z, t, o.opacity);
            }
        }
        if (highlighted != null && highlighted.z() == z && highlighted.t() == t) {
            gc.setAlpha(255);
            gc.setAntialias(SWT.ON);
            gc.setForeground(rgb(HIGHLIGHT));
            gc.setLineWidth(3);
            Optional<PolygonShape> outline = highlighted.outline();
            if (outline.isPresent()) {
                gc.drawPolygon(RoiViewer.canvasPoints(outline.get(), view));
            }
            gc.setLineWidth(1);
            gc.setLineStyle(SWT.LINE_DASH);
            int x = view.toCanvasX(highlighted.x() - 2), y = view.toCanvasY(highlighted.y() - 2);
            gc.drawRectangle(x, y, view.toCanvasX(highlighted.x() + highlighted.width() + 2) - x,
                    view.toCanvasY(highlighted.y() + highlighted.height() + 2) - y);
            gc.setLineStyle(SWT.LINE_SOLID);
            gc.drawText("object " + highlighted.id(), x, y - gc.getFontMetrics().getHeight() - 2, true);
        }
        drawScaleBar(gc, area);
    }

    /** A scale bar of a round length (1, 2 or 5 × 10^k in the image's unit) about 100 screen pixels long, when the pixel size is known. */
    private void drawScaleBar(GC gc, Rectangle area) {
        Optional<PhysicalSize> size = results.image().pixels().physicalSize(Axis.X);
        double perPixel = size.map(PhysicalSize::value).orElse(0.0);
        if (perPixel <= 0) {
            return;
        }
        double target = 100 / zoom * perPixel;
        double magnitude = Math.pow(10, Math.floor(Math.log10(target)));
        double length = target / magnitude >= 5 ? 5 * magnitude : target / magnitude >= 2 ? 2 * magnitude : magnitude;
        int px = (int) Math.round(length / perPixel * zoom);
        int x = area.width - px - 20, y = area.height - 24;
        gc.setBackground(rgb(0xFFFFFF));
        gc.fillRectangle(x, y, px, 5);
        gc.setForeground(rgb(0xFFFFFF));
        String text = (length >= 1 ? String.valueOf((long) length) : String.valueOf(length)) + " " + size.get().unit();
        gc.drawText(text, x + px / 2 - gc.textExtent(text).x / 2, y - gc.getFontMetrics().getHeight() - 2, true);
    }

    private static Color rgb(int rgb) {
        return new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }

    private void showStatus(int cx, int cy) {
        if (results == null) {
            return;
        }
        ImageDescriptor d = results.image().pixels();
        int ix = (int) Math.floor(originX + cx / zoom), iy = (int) Math.floor(originY + cy / zoom);
        boolean inside = ix >= 0 && iy >= 0 && ix < d.size(Axis.X) && iy < d.size(Axis.Y);
        PlaneRegion shown = frameRegion;
        status.setText(String.format("  zoom %.0f %%   z %d   t %d   showing x %s   y %s%s", zoom * 100, z, t,
                shown == null ? "-" : shown.x() + "\u2013" + (shown.x() + shown.width()), shown == null ? "-" : shown.y() + "\u2013" + (shown.y() + shown.height()),
                inside ? "   cursor x " + ix + "  y " + iy : ""));
    }

    // ---- state, for the object table and tests ------------------------------------------------------

    /** The results shown, or null. */
    public ImageResults results() {
        return results;
    }

    public int currentZ() {
        return z;
    }

    public int currentT() {
        return t;
    }

    /** The outlined object's number, if one is. */
    public Optional<Long> highlightedObject() {
        return Optional.ofNullable(highlighted).map(ResultObject::id);
    }

    /** The image area the canvas shows: x, y, width, height in image pixels (not clipped to the image). */
    public double[] visibleArea() {
        Rectangle area = canvas.getClientArea();
        return new double[] {originX, originY, area.width / zoom, area.height / zoom};
    }

    /** The region of the plane the frame on screen was read from (only what is visible), or null before the first. */
    public PlaneRegion shownRegion() {
        return frameRegion;
    }

    /** The names of the overlays loaded for the image, in drawing order. */
    public List<String> overlayNames() {
        return overlays.stream().map(o -> o.overlay.name()).toList();
    }

    /** Switches the overlays of a name on or off, as their check box does. */
    public void setOverlayVisible(String name, boolean visible) {
        overlays.stream().filter(o -> o.overlay.name().equals(name)).forEach(o -> o.visible = visible);
        for (Control c : overlaysBox.getChildren()) {
            if (c instanceof Button b && ("overlay:" + name).equals(b.getData("id"))) {
                b.setSelection(visible);
            }
        }
        requestFrame();
    }

    /** Whether every frame asked for has been shown (no render pending or running). */
    public boolean isSettled() {
        return results != null && renderJob.getState() == Job.NONE && renderJob.pending.get() == null
                && renderJob.frameFree.availablePermits() == 1 && framesShown.get() > 0;
    }

    /** The canvas as drawn now (frame and vector overlays), for tests and screenshots. */
    public ImageData snapshot() {
        canvas.update();
        Rectangle area = canvas.getClientArea();
        Image copy = new Image(canvas.getDisplay(), area.width, area.height);
        GC gc = new GC(copy);
        paint(gc);
        gc.dispose();
        ImageData data = copy.getImageData();
        copy.dispose();
        return data;
    }

    /** Where image pixel (x, y) (its centre) lands on the canvas. */
    public int[] canvasPoint(double x, double y) {
        ViewMapping v = mapping();
        return new int[] {v.toCanvasX(x + 0.5), v.toCanvasY(y + 0.5)};
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        renderJob.cancel();
        if (frame != null) {
            frame.dispose();
        }
        if (results != null) {
            close(results.repository());
        }
        super.dispose();
    }
}
