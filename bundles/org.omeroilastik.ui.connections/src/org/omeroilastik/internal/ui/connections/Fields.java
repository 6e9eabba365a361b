package org.omeroilastik.internal.ui.connections;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** The labelled fields of the connector pages (a three-column grid: label, field, button). */
final class Fields {
    private Fields() {
    }

    static Text text(Composite page, String label, String id, int style, String hint, Runnable changed) {
        new Label(page, SWT.NONE).setText(label);
        Text t = new Text(page, SWT.BORDER | SWT.SINGLE | style);
        t.setData("id", id);
        t.setMessage(hint);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        t.addListener(SWT.Modify, e -> changed.run());
        return t;
    }

    /** A path field with a "Browse…" button opening a folder or a file chooser. */
    static Text path(Composite page, String label, String id, String hint, boolean folder, Runnable changed) {
        new Label(page, SWT.NONE).setText(label);
        Text t = new Text(page, SWT.BORDER | SWT.SINGLE);
        t.setData("id", id);
        t.setMessage(hint);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> changed.run());
        Button browse = new Button(page, SWT.PUSH);
        browse.setText("Browse\u2026");
        browse.setData("id", id + ".browse");
        browse.addListener(SWT.Selection, e -> {
            String chosen = folder ? new DirectoryDialog(page.getShell()).open() : new FileDialog(page.getShell(), SWT.OPEN).open();
            if (chosen != null) {
                t.setText(chosen);
            }
        });
        return t;
    }

    static void note(Composite page, String text) {
        Label l = new Label(page, SWT.WRAP);
        l.setText(text);
        GridData d = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        d.widthHint = 420;
        l.setLayoutData(d);
    }
}
