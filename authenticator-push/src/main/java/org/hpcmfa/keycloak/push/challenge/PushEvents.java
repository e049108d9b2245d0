package org.hpcmfa.keycloak.push.challenge;

/** Event errors and details of push logins, for admins who alert on them. */
public final class PushEvents {

    public static final String ERROR_DECLINED = "hpc_push_declined";
    public static final String ERROR_CANCELLED = "hpc_push_cancelled";
    public static final String ERROR_WRONG_NUMBER = "hpc_push_wrong_number";
    /** Code-to-phone: the code typed is not the one the phone showed. */
    public static final String ERROR_WRONG_CODE = "hpc_push_wrong_code";
    public static final String ERROR_CODE_EXPIRED = "hpc_push_code_expired";
    /** Push is locked for the user after repeated "not me" answers: the one to alert on. */
    public static final String ERROR_LOCKED = "hpc_push_locked";
    public static final String ERROR_RATE_LIMITED = "hpc_push_rate_limited";
    public static final String ERROR_NO_DEVICE = "hpc_push_no_device";

    public static final String DETAIL_DEVICES = "push_devices";

    private PushEvents() {
    }
}
