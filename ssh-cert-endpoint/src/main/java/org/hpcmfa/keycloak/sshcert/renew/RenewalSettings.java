package org.hpcmfa.keycloak.sshcert.renew;

import java.util.Arrays;
import java.util.List;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.hpcmfa.keycloak.common.CredentialTypes;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The renewal part of the CA's settings (Realm settings, Keys, Providers, the SSH user CA): how long after the
 * last full two-factor login a certificate may be renewed by one push approval or one TOTP code without a browser,
 * and which factors may confirm a renewal. A window of 0 turns renewal off.
 */
public record RenewalSettings(int windowSeconds, List<String> factors) {

    public static final String WINDOW = "renewal-mfa-window-seconds";
    public static final String FACTORS = "renewal-factors";

    public static final int DEFAULT_WINDOW = 12 * 3600;
    /** The push authenticator's id and Keycloak's OTP form's: the factors offered at the terminal too. */
    public static final List<String> DEFAULT_FACTORS = List.of(CredentialTypes.PUSH, "auth-otp-form");

    public static RenewalSettings from(MultivaluedHashMap<String, String> config) {
        List<String> factors = config.getList(FACTORS) == null ? List.of() : config.getList(FACTORS).stream()
                .flatMap(v -> Arrays.stream(v.split("##|,"))).map(String::trim).filter(v -> !v.isEmpty()).toList();
        // An emptied list means the default, as for every setting: renewal is turned off by its window, 0.
        return new RenewalSettings(ConfigValues.intValue(config.getFirst(WINDOW), DEFAULT_WINDOW, 0, 7 * 86_400),
                factors.isEmpty() ? DEFAULT_FACTORS : factors);
    }

    public boolean enabled() {
        return windowSeconds > 0 && !factors.isEmpty();
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(WINDOW).label("MFA freshness for renewal (seconds)")
                .helpText("hpc-ssh-cert renews a certificate without a browser (one push approval, or one TOTP code "
                        + "typed at the terminal, plus a signature of the certified key) while the last full "
                        + "two-factor login of its Keycloak session is at most this old; after that, a full login "
                        + "is required. 43200 (12 h) by default; 0 turns renewal off. The session must also still be "
                        + "alive (SSO Session Idle and Max, Realm settings, Sessions).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_WINDOW)).add()
                .property().name(FACTORS).label("Factors that confirm a renewal")
                .helpText("Authenticator ids of the second factors that may confirm a renewal: hpc-push (push "
                        + "approval on the phone) and auth-otp-form (a TOTP code; needs the ssh-terminal-prompt "
                        + "module). Their settings are those of the realm's browser flow. Empty: both.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).defaultValue("hpc-push##auth-otp-form").add()
                .build();
    }
}
