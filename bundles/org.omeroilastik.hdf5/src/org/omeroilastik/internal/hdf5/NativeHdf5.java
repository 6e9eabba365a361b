package org.omeroilastik.internal.hdf5;

import java.io.File;

import org.bytedeco.javacpp.Loader;
import org.omeroilastik.hdf5.Hdf5Exception;

import hdf.hdf5lib.H5;

/**
 * Loads the HDF Group's library as JavaCPP ships it. JavaCPP extracts libhdf5 and its own JNI
 * bridge; the HDF Group's Java API (hdf.hdf5lib.H5) then loads libhdf5_java from the path we give
 * it, so that its native methods bind in H5's own class loader and share the one libhdf5 instance.
 */
public final class NativeHdf5 {
    private static final String H5_LIBRARY_PROPERTY = "hdf.hdf5lib.H5.hdf5lib";
    private static boolean loaded;

    private NativeHdf5() {
    }

    /** Loads the library once; returns the failure instead of throwing, for use in static initialisers. */
    public static Hdf5Exception tryLoad() {
        try {
            ensureLoaded();
            return null;
        } catch (Hdf5Exception e) {
            return e;
        }
    }

    public static synchronized void ensureLoaded() throws Hdf5Exception {
        if (loaded) {
            return;
        }
        try {
            Loader.load(org.bytedeco.hdf5.global.hdf5.class);
            File javaApi = Loader.cacheResource(org.bytedeco.hdf5.global.hdf5.class,
                    "/org/bytedeco/hdf5/" + Loader.getPlatform() + "/libhdf5_java.so");
            if (javaApi == null) {
                throw new Hdf5Exception("the HDF5 Java API library for " + Loader.getPlatform() + " is not installed");
            }
            System.setProperty(H5_LIBRARY_PROPERTY, javaApi.getAbsolutePath());
            // HDF5 prints its error stack to stderr by default; we report errors ourselves.
            H5.H5error_off();
            loaded = true;
        } catch (Hdf5Exception e) {
            throw e;
        } catch (Exception | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new Hdf5Exception("cannot load the HDF5 native library: " + root, e);
        }
    }
}
