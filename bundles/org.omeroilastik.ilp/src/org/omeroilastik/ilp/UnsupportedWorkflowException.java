package org.omeroilastik.ilp;

/** A valid ilastik project of a workflow this product does not run (for example Multicut). */
public class UnsupportedWorkflowException extends IlpException {
    private static final long serialVersionUID = 1L;
    private final String workflowName;

    public UnsupportedWorkflowException(String workflowName) {
        super("unsupported workflow: " + workflowName);
        this.workflowName = workflowName;
    }

    /** The workflow name exactly as stored in the project. */
    public String workflowName() {
        return workflowName;
    }
}
