package org.omeroilastik.internal.ui.editor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.omeroilastik.export.ExporterDescriptor;
import org.omeroilastik.export.ExporterRegistry;
import org.omeroilastik.jobs.WriteBack;
import org.omeroilastik.ui.editor.JobContext;
import org.omeroilastik.ui.editor.JobEditor;

/** What the job writes back to the repository (export sources and results), and which contributed exporters it calls after each image. */
public final class ExportsPage {
    private static final Map<WriteBack, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put(WriteBack.PROBABILITIES, "Probabilities (derived image)");
        LABELS.put(WriteBack.SEGMENTATION, "Simple Segmentation (derived image)");
        LABELS.put(WriteBack.UNCERTAINTY, "Uncertainty (derived image)");
        LABELS.put(WriteBack.FEATURES, "Features (derived image)");
        LABELS.put(WriteBack.ROIS, "ROIs (polygons of the chosen label's objects)");
        LABELS.put(WriteBack.MASKS, "Masks on the ROIs");
        LABELS.put(WriteBack.TABLE, "Table of objects");
        LABELS.put(WriteBack.PROJECT, "The .ilp, attached to the dataset");
        LABELS.put(WriteBack.PROVENANCE, "Provenance (key-value annotations)");
    }

    private ExportsPage() {
    }

    public static Control create(Composite parent, JobEditor editor) {
        JobContext context = editor;
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(2, true));
        Group writeBack = new Group(page, SWT.NONE);
        writeBack.setText("Write back to the repository");
        writeBack.setLayout(new GridLayout());
        writeBack.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        List<Button> boxes = new ArrayList<>();
        for (var e : LABELS.entrySet()) {
            Button box = new Button(writeBack, SWT.CHECK);
            box.setText(e.getValue());
            box.setData("id", "writeBack." + e.getKey().name().toLowerCase(Locale.ROOT));
            box.setData(WriteBack.class.getName(), e.getKey());
            box.setSelection(context.job().writeBack().contains(e.getKey()));
            boxes.add(box);
            box.addListener(SWT.Selection, x -> {
                Set<WriteBack> chosen = EnumSet.noneOf(WriteBack.class);
                boxes.stream().filter(Button::getSelection).forEach(b -> chosen.add((WriteBack) b.getData(WriteBack.class.getName())));
                context.update(j -> j.withWriteBack(chosen));
            });
        }
        Group exporters = new Group(page, SWT.NONE);
        exporters.setText("Exporters, called after each image");
        exporters.setLayout(new GridLayout());
        exporters.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        List<ExporterDescriptor> all = ExporterRegistry.all();
        List<Button> chosenBoxes = new ArrayList<>();
        for (ExporterDescriptor d : all) {
            Button box = new Button(exporters, SWT.CHECK);
            box.setText(d.label());
            box.setToolTipText(d.description() + " (" + d.contributor() + ")");
            box.setData("id", "exporter." + d.id());
            box.setData(ExporterDescriptor.class.getName(), d.id());
            box.setSelection(context.job().exporters().contains(d.id()));
            chosenBoxes.add(box);
            Label description = new Label(exporters, SWT.WRAP);
            description.setText("    " + d.description());
            box.addListener(SWT.Selection, x -> context.update(j -> j.withExporters(chosenBoxes.stream().filter(Button::getSelection)
                    .map(b -> (String) b.getData(ExporterDescriptor.class.getName())).toList())));
        }
        if (all.isEmpty()) {
            new Label(exporters, SWT.WRAP).setText("No exporter is installed (extension point " + ExporterRegistry.POINT + ").");
        }
        Label folder = new Label(exporters, SWT.WRAP);
        folder.setData("id", "exportFolder");
        folder.setText("Written to " + context.job().exportFolder(editor.file()));
        folder.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return page;
    }
}
