package org.hpcmfa.keycloak.push.challenge;

import org.hpcmfa.keycloak.common.events.EventErrors.Capability;

/**
 * Event errors of push logins, for admins who alert on them, named by the pack's scheme
 * ({@link org.hpcmfa.keycloak.common.events.EventErrors}): {@code push_<condition>}.
 */
public final class PushEvents {

    /** "This was not me" on the phone: a failed login that counts towards the push lock. */
    public static final String ERROR_DECLINED = Capability.PUSH.error("declined");
    /** "Discard" on the phone (app 4.8): the person ended their own request; no failed login. */
    public static final String ERROR_CANCELLED = Capability.PUSH.error("cancelled");
    public static final String ERROR_WRONG_NUMBER = Capability.PUSH.error("wrong_number");
    /** Code-to-phone: the code typed is not the one the phone showed. */
    public static final String ERROR_WRONG_CODE = Capability.PUSH.error("wrong_code");
    public static final String ERROR_CODE_EXPIRED = Capability.PUSH.error("code_expired");
    /** Push is locked for the user after repeated "not me" answers: the one to alert on. */
    public static final String ERROR_LOCKED = Capability.PUSH.error("locked");
    public static final String ERROR_RATE_LIMITED = Capability.PUSH.error("rate_limited");
    public static final String ERROR_NO_DEVICE = Capability.PUSH.error("no_device");
    /** SSH prompt: Enter pressed before the phone answered; the prompt asks again. */
    public static final String ERROR_NOT_APPROVED = Capability.PUSH.error("not_approved");
    /** An answer whose signature the phone's enrolled key does not verify: someone else's device or a forgery. */
    public static final String ERROR_INVALID_SIGNATURE = Capability.PUSH.error("invalid_signature");

    private PushEvents() {
    }
}
