package org.hpcmfa.keycloak.recoverycodes;

import org.hpcmfa.keycloak.common.events.EventErrors;

/** Event details and errors of the recovery codes (listed in docs/events.md). */
public final class RecoveryCodeEvents {

    public static final String CREDENTIAL_TYPE = "credential_type";
    /** How many unused codes the user has after this event. */
    public static final String REMAINING = "hpc_recovery_codes_remaining";
    /** How many codes a new set has. */
    public static final String ISSUED = "hpc_recovery_codes_issued";

    /** The user has recovery codes configured but none unused. */
    public static final String ERROR_NO_CODES_LEFT = EventErrors.Capability.RECOVERY_CODES.error("used_up");
    /** Another login of the same user was using a code for several seconds; not counted as a guess. */
    public static final String ERROR_BUSY = EventErrors.Capability.RECOVERY_CODES.error("busy");

    private RecoveryCodeEvents() {
    }
}
