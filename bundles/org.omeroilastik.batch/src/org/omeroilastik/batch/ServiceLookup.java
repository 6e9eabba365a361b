package org.omeroilastik.batch;

/** Where commands get their services from (OSGi in the product, anything in tests). */
@FunctionalInterface
public interface ServiceLookup {
    <T> T get(Class<T> type);
}
