package org.hpcmfa.keycloak.common;

/** Turning an exception into one line an admin can act on, without a stack trace. */
public final class Failures {

    private Failures() {
    }

    /** The innermost cause, e.g. "ConnectException: Connection refused". */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
