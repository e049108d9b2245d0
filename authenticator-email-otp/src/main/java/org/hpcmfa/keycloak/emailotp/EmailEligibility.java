package org.hpcmfa.keycloak.emailotp;

import java.util.List;
import java.util.Locale;

import org.hpcmfa.keycloak.emailotp.config.EmailCodeConfig;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Who can receive email codes: an address, verified unless the admin allows otherwise, in an allowed domain. */
public final class EmailEligibility {

    private EmailEligibility() {
    }

    public static boolean isEligible(UserModel user, EmailCodeConfig config) {
        String email = user.getEmail();
        if (email == null || email.isBlank() || (!user.isEmailVerified() && !config.allowUnverifiedEmail())) {
            return false;
        }
        return config.allowedDomains().isEmpty() || domainAllowed(email, config.allowedDomains());
    }

    /**
     * Eligibility when no single execution is known. Keycloak asks {@code configuredFor} (and the Account Console
     * asks the credential provider) without saying which execution is meant, so the user counts as configured if
     * any enabled execution of the authenticator in the realm would accept their address; the execution that
     * runs re-checks with its own settings.
     */
    public static boolean isEligibleAnywhere(RealmModel realm, UserModel user) {
        List<EmailCodeConfig> configs = realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> EmailCodeAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(e -> EmailCodeConfig.from(e.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig())))
                .toList();
        if (configs.isEmpty()) {
            return isEligible(user, EmailCodeConfig.DEFAULTS);
        }
        return configs.stream().anyMatch(config -> isEligible(user, config));
    }

    /**
     * The settings of the realm's first enabled email-code execution (defaults when there is none): what a set-up
     * outside a login (the terminal's {@code mfa mk EMAIL}) follows, as no execution runs there.
     */
    public static EmailCodeConfig realmSettings(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(flow -> realm.getAuthenticationExecutionsStream(flow.getId()))
                .filter(e -> EmailCodeAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()))
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .findFirst()
                .map(e -> EmailCodeConfig.from(e.getAuthenticatorConfig() == null ? null
                        : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig())))
                .orElse(EmailCodeConfig.DEFAULTS);
    }

    public static boolean domainAllowed(String email, List<String> allowedDomains) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String domain = email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
        for (String allowed : allowedDomains) {
            if (allowed.startsWith("*.")) {
                String parent = allowed.substring(2);
                if (domain.equals(parent) || domain.endsWith("." + parent)) {
                    return true;
                }
            } else if (domain.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
