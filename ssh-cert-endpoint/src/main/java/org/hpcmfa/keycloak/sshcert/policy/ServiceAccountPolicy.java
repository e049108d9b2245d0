package org.hpcmfa.keycloak.sshcert.policy;

import java.util.List;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The automation part of the CA's policy (Magento's "API token" path): which confidential clients may exchange a
 * client-credentials token of their own service account for a certificate, without a second factor since no
 * person logs in. Such certificates carry only the principals an admin put on the service-account user, live
 * shorter than people's, and say in their key id that a service account holds them. No client is listed by default.
 */
public record ServiceAccountPolicy(List<String> clients, int maxTtlSeconds, String principalsAttribute,
        String keyIdTemplate) {

    public static final String CLIENTS = "service-account-clients";
    public static final String MAX_TTL = "service-account-max-ttl-seconds";
    public static final String PRINCIPALS_ATTRIBUTE = "service-account-principals-attribute";
    public static final String KEY_ID_TEMPLATE = "service-account-key-id-template";

    public static final int DEFAULT_MAX_TTL = 3600;
    public static final String DEFAULT_PRINCIPALS_ATTRIBUTE = "ssh-principals";
    public static final String DEFAULT_KEY_ID_TEMPLATE = "{realm}:service-account:{clientId}:{serial}";

    public static ServiceAccountPolicy from(MultivaluedHashMap<String, String> config) {
        String attribute = config.getFirst(PRINCIPALS_ATTRIBUTE);
        String template = config.getFirst(KEY_ID_TEMPLATE);
        return new ServiceAccountPolicy(
                SshCertPolicy.list(config.getList(CLIENTS)),
                ConfigValues.intValue(config.getFirst(MAX_TTL), DEFAULT_MAX_TTL, 60, 31 * 86_400),
                attribute == null || attribute.isBlank() ? DEFAULT_PRINCIPALS_ATTRIBUTE : attribute.trim(),
                template == null || template.isBlank() ? DEFAULT_KEY_ID_TEMPLATE : template.trim());
    }

    public boolean allows(String clientId) {
        return clientId != null && clients.contains(clientId);
    }

    /** The validity when the request names none: the realm's default, but never above the service-account cap. */
    public int defaultTtlSeconds(SshCertPolicy policy) {
        return Math.min(policy.defaultTtlSeconds(), maxTtlSeconds);
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CLIENTS).label("Service accounts allowed to get certificates")
                .helpText("Client ids of confidential clients whose service account may exchange its own "
                        + "client-credentials token for an SSH certificate, for automation (deployments, CI). No "
                        + "second factor is asked of them; a person's token from such a client still needs one. "
                        + "Empty (the default): every service account is refused (service_account_not_allowed).")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(MAX_TTL).label("Service accounts: maximum certificate validity (seconds)")
                .helpText("A service account's certificate lives at most this long; a larger requested ttl is "
                        + "refused. Without a requested ttl: the default validity, capped by this.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(DEFAULT_MAX_TTL)).add()
                .property().name(PRINCIPALS_ATTRIBUTE).label("Service accounts: principals attribute")
                .helpText("Attribute of the service-account user (Clients, the client, Service accounts roles, the "
                        + "user link, Attributes) whose values are the certificate's only principals. Not set on "
                        + "the user: refused (no_principals). The username and group principals never apply.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_PRINCIPALS_ATTRIBUTE).add()
                .property().name(KEY_ID_TEMPLATE).label("Service accounts: key id template")
                .helpText("The key id of a service account's certificate, logged by sshd. Variables: {realm} "
                        + "{clientId} {username} {userId} {serial}.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_KEY_ID_TEMPLATE).add()
                .build();
    }
}
