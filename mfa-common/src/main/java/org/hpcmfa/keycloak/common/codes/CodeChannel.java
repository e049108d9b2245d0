package org.hpcmfa.keycloak.common.codes;

import org.hpcmfa.keycloak.common.events.EventErrors.Capability;
import org.keycloak.events.EventBuilder;

/**
 * How one kind of code reaches a person (a mail, a text message) and how its sends are recorded. The rules around it
 * (throttle, hashing, expiry, single use) are the same for every channel: {@link CodeSender}, {@link CodeChallenge}.
 */
public interface CodeChannel {

    /** Prefix of the channel's store keys and notes, e.g. {@code hpc-email-otp}: each channel has its own limits. */
    String keyPrefix();

    /** The capability whose event errors the channel writes ({@code email_code_...}, {@code sms_code_...}). */
    Capability capability();

    /** "email", "SMS": for the server log only. */
    String noun();

    /** A fresh event for one send: its type, user and the channel's details (the address, never the code). */
    EventBuilder sendEvent();

    /** The event error of a failed delivery ({@code email_send_failed}, {@code sms_code_send_failed}). */
    String sendFailedError();

    /** Delivers {@code code} to the person; the text says it is valid for the rules' minutes. */
    void deliver(String code, CodeRules rules) throws DeliveryFailure;

    /** Records a delivered code; channels whose sends belong to a larger event (the login) record nothing. */
    default void recordSent(EventBuilder event) {
        event.success();
    }
}
