package org.omeroilastik.internal.ui.editor;

import org.omeroilastik.ilp.FeatureSelection;
import org.omeroilastik.ilp.IlpProject;

/** The Autocontext page: as Pixel Classification's (objects of the last stage's labels), naming the two stages. */
public final class AutocontextPage extends PixelClassificationPage {

    @Override
    protected String describe(IlpProject project) {
        int first = project.applet("FeatureSelections", FeatureSelection.class).map(FeatureSelection::featureChannels).orElse(0);
        int second = project.applet("FeatureSelections01", FeatureSelection.class).map(FeatureSelection::featureChannels).orElse(0);
        return "Two stages: the first classifies " + first + " feature channels of the raw data, the second " + second
                + " of the raw data and the first stage's predictions. " + super.describe(project);
    }
}
