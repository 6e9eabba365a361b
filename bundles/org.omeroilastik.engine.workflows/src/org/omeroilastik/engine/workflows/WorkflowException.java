package org.omeroilastik.engine.workflows;

import java.io.IOException;

/** An input or setting a workflow cannot run on; the message says what differs. */
public class WorkflowException extends IOException {
    private static final long serialVersionUID = 1L;

    public WorkflowException(String message) {
        super(message);
    }
}
