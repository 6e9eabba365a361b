package org.omeroilastik.internal.ui.results;

import org.eclipse.core.expressions.PropertyTester;
import org.eclipse.core.runtime.Adapters;
import org.omeroilastik.ui.ImageReference;

/**
 * Property {@code org.omeroilastik.ui.results.isImage}: whether a selected element stands for an
 * image ({@link ImageReference}, itself or through IAdaptable), so "Open Results" shows on images only.
 */
public final class ImageReferenceTester extends PropertyTester {
    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        return "isImage".equals(property) && Adapters.adapt(receiver, ImageReference.class) != null;
    }
}
