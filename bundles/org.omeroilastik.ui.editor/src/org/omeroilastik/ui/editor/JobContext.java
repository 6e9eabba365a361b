package org.omeroilastik.ui.editor;

import java.util.function.UnaryOperator;

import org.omeroilastik.ilp.IlpProject;
import org.omeroilastik.jobs.JobDocument;

/** What a job editor page sees: the job being edited and its project. Call on the display thread only. */
public interface JobContext {

    /** The job as edited so far. */
    JobDocument job();

    /** The project's summary (read when the editor opened). */
    IlpProject project();

    /** Changes the job and marks the editor dirty. */
    void update(UnaryOperator<JobDocument> change);
}
