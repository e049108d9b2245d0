package org.hpcmfa.keycloak.common.codes;

/**
 * A code could not be delivered (mail server or SMS gateway down, refused, misconfigured). {@code publicReason}
 * is a short text safe for an event ("gateway answered HTTP 503"), never a secret, a code or a stack trace; null
 * when the cause says nothing an admin reading events needs.
 */
public class DeliveryFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String publicReason;

    public DeliveryFailure(String publicReason, Throwable cause) {
        super(publicReason, cause);
        this.publicReason = publicReason;
    }

    public String publicReason() {
        return publicReason;
    }
}
