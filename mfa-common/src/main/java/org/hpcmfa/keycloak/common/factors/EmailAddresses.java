package org.hpcmfa.keycloak.common.factors;

/**
 * How the pack shows a person's email address where someone else may read it (a terminal, a JSON answer, an
 * event): masked the same way everywhere. Shared: the email-code module (login and set-up) and account-recovery
 * (the removal token's "sent to") both show it.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /**
     * {@code j***@example.org}: enough for the person to recognise the address, little for a shoulder surfer. A
     * one-letter local part is not shown at all ({@code ***@example.org}), as showing it would show it whole.
     */
    public static String masked(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        return at <= 1 ? "***" + email.substring(at) : email.charAt(0) + "***" + email.substring(at);
    }
}
