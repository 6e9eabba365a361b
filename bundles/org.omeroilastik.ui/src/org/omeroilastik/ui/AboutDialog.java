package org.omeroilastik.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Help > About: the workbench's version, the Java and machine it runs on, and the versions of our
 * bundles and of the libraries results depend on (imglib2, HDF5, SWT, Equinox), copyable for a bug
 * report.
 */
final class AboutDialog extends TitleAreaDialog {
    private static final int COPY = IDialogConstants.CLIENT_ID + 1;
    /** Third-party bundles whose versions matter for results or for reproducing a bug. */
    private static final List<String> LIBRARIES = List.of("wrapped.net.imglib2.imglib2", "org.bytedeco.hdf5", "org.bytedeco.javacpp",
            "org.eclipse.swt", "org.eclipse.osgi", "org.eclipse.ui.workbench", "com.google.gson");

    private Table table;
    private org.eclipse.swt.graphics.Image logo;

    AboutDialog(Shell parent) {
        super(parent);
    }

    /** Rows: component, bundle, version. Ours first, then the libraries, then the machine. */
    static List<String[]> rows() {
        Bundle self = FrameworkUtil.getBundle(AboutDialog.class);
        List<String[]> rows = new ArrayList<>();
        List<Bundle> ours = new ArrayList<>();
        List<Bundle> libraries = new ArrayList<>();
        for (Bundle b : self.getBundleContext().getBundles()) {
            if (b.getSymbolicName() == null) {
                continue;
            }
            if (b.getSymbolicName().startsWith("org.omeroilastik.")) {
                ours.add(b);
            } else if (LIBRARIES.contains(b.getSymbolicName())) {
                libraries.add(b);
            }
        }
        Comparator<Bundle> byName = Comparator.comparing(Bundle::getSymbolicName);
        ours.sort(byName);
        libraries.sort(Comparator.comparingInt(b -> LIBRARIES.indexOf(b.getSymbolicName())));
        for (Bundle b : ours) {
            rows.add(new String[] {b.getHeaders().get("Bundle-Name"), b.getSymbolicName(), b.getVersion().toString()});
        }
        for (Bundle b : libraries) {
            rows.add(new String[] {b.getHeaders().get("Bundle-Name"), b.getSymbolicName(), b.getVersion().toString()});
        }
        Runtime rt = Runtime.getRuntime();
        rows.add(new String[] {"Java", System.getProperty("java.vm.name") + " (" + System.getProperty("java.vendor") + ")",
            System.getProperty("java.version")});
        rows.add(new String[] {"Operating system", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            System.getProperty("os.version")});
        rows.add(new String[] {"Machine", rt.availableProcessors() + " cores", "max heap " + (rt.maxMemory() >> 20) + " MiB"});
        return rows;
    }

    static String version() {
        return FrameworkUtil.getBundle(AboutDialog.class).getVersion().toString();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About OMERO ilastik Workbench");
    }

    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return new org.eclipse.swt.graphics.Point(1100, 640);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("OMERO ilastik Workbench " + version());
        java.net.URL icon = FrameworkUtil.getBundle(AboutDialog.class).getEntry("icons/omero-ilastik-64.png");
        if (icon != null) {
            logo = org.eclipse.jface.resource.ImageDescriptor.createFromURL(icon).createImage();
            setTitleImage(logo);
            parent.addDisposeListener(e -> logo.dispose());
        }
        setMessage("Runs ilastik projects over images in OMERO or a local repository, with an embedded ilastik-compatible engine "
                + "or an installed ilastik.");
        Composite area = (Composite) super.createDialogArea(parent);
        table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setData("id", "versions");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData layout = new GridData(SWT.FILL, SWT.FILL, true, true);
        layout.heightHint = 320;
        table.setLayoutData(layout);
        for (String title : new String[] {"Component", "Bundle", "Version"}) {
            new TableColumn(table, SWT.LEFT).setText(title);
        }
        for (String[] row : rows()) {
            new TableItem(table, SWT.NONE).setText(row);
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        // Long bundle descriptions must not push the versions out of sight (Copy keeps them whole).
        table.getColumn(0).setWidth(Math.min(table.getColumn(0).getWidth(), 520));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, COPY, "&Copy", false);
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == COPY) {
            StringBuilder text = new StringBuilder("OMERO ilastik Workbench " + version() + "\n");
            for (TableItem item : table.getItems()) {
                text.append(item.getText(0)).append('\t').append(item.getText(1)).append('\t').append(item.getText(2)).append('\n');
            }
            Clipboard clipboard = new Clipboard(getShell().getDisplay());
            try {
                clipboard.setContents(new Object[] {text.toString()}, new Transfer[] {TextTransfer.getInstance()});
            } finally {
                clipboard.dispose();
            }
            return;
        }
        super.buttonPressed(id);
    }

    Table versions() {
        return table;
    }
}
