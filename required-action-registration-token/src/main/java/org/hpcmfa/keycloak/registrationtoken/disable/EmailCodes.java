package org.hpcmfa.keycloak.registrationtoken.disable;

import org.keycloak.models.UserModel;

/**
 * Email codes (module authenticator-email-otp) store nothing per user: the factor is the email address itself,
 * so there is nothing this action could remove. The pages say so when the user would still be asked for one.
 * Asked through Keycloak's credential manager by type, so this module needs no class of that one.
 */
final class EmailCodes {

    static final String TYPE = "hpc-email-otp";

    private EmailCodes() {
    }

    static boolean stayFor(UserModel user) {
        return user.credentialManager().isConfiguredFor(TYPE);
    }
}
