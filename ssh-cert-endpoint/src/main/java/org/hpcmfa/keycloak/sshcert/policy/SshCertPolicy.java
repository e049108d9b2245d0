package org.hpcmfa.keycloak.sshcert.policy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.ConfigValues;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Who gets a certificate and what it says, as the realm admin set it on the realm's SSH CA (Realm settings,
 * Keys, Providers, the "SSH user CA" entry). A missing or unreadable value means its secure default. The rules
 * for service accounts (automation without a person) are {@link ServiceAccountPolicy}.
 */
public record SshCertPolicy(
        List<String> allowedClients,
        int minLoa,
        int maxAuthAgeSeconds,
        boolean emailCodesForCertificates,
        int defaultTtlSeconds,
        int maxTtlSeconds,
        boolean usernamePrincipal,
        String principalsAttribute,
        Map<String, List<String>> groupPrincipals,
        List<String> extensions,
        Map<String, List<String>> groupExtensions,
        String forceCommand,
        String sourceAddress,
        int rsaMinBits,
        String keyIdTemplate,
        int maxCertificatesPerHour,
        ServiceAccountPolicy serviceAccounts) {

    public static final String ALLOWED_CLIENTS = "allowed-clients";
    public static final String MIN_LOA = "mfa-min-loa";
    public static final String MAX_AUTH_AGE = "max-auth-age-seconds";
    public static final String EMAIL_CODES_FOR_CERTIFICATES = "email-codes-for-certificates";
    public static final String DEFAULT_TTL = "default-ttl-seconds";
    public static final String MAX_TTL = "max-ttl-seconds";
    public static final String USERNAME_PRINCIPAL = "username-principal";
    public static final String PRINCIPALS_ATTRIBUTE = "principals-attribute";
    public static final String GROUP_PRINCIPALS = "group-principals";
    public static final String EXTENSIONS = "extensions";
    public static final String GROUP_EXTENSIONS = "group-extensions";
    public static final String FORCE_COMMAND = "force-command";
    public static final String SOURCE_ADDRESS = "source-address";
    public static final String RSA_MIN_BITS = "rsa-min-bits";
    public static final String KEY_ID_TEMPLATE = "key-id-template";
    public static final String MAX_PER_HOUR = "max-certificates-per-hour";

    public static final String DEFAULT_KEY_ID_TEMPLATE = "{realm}:{username}:{serial}:{clientId}";
    public static final List<String> KNOWN_EXTENSIONS = List.of("permit-X11-forwarding", "permit-agent-forwarding",
            "permit-port-forwarding", "permit-pty", "permit-user-rc");

    public static SshCertPolicy from(MultivaluedHashMap<String, String> config) {
        return new SshCertPolicy(
                list(config.getList(ALLOWED_CLIENTS)),
                ConfigValues.intValue(config.getFirst(MIN_LOA), 2, 1, 100),
                ConfigValues.intValue(config.getFirst(MAX_AUTH_AGE), 900, 0, 86_400),
                ConfigValues.bool(config.getFirst(EMAIL_CODES_FOR_CERTIFICATES), false),
                ConfigValues.intValue(config.getFirst(DEFAULT_TTL), 3600, 60, 31 * 86_400),
                ConfigValues.intValue(config.getFirst(MAX_TTL), 86_400, 60, 31 * 86_400),
                ConfigValues.bool(config.getFirst(USERNAME_PRINCIPAL), true),
                blankToNull(config.getFirst(PRINCIPALS_ATTRIBUTE)),
                mapping(config.getList(GROUP_PRINCIPALS)),
                config.containsKey(EXTENSIONS) ? list(config.getList(EXTENSIONS)) : List.of("permit-pty"),
                mapping(config.getList(GROUP_EXTENSIONS)),
                blankToNull(config.getFirst(FORCE_COMMAND)),
                blankToNull(config.getFirst(SOURCE_ADDRESS)),
                ConfigValues.intValue(config.getFirst(RSA_MIN_BITS), 3072, 2048, 16_384),
                blankToNull(config.getFirst(KEY_ID_TEMPLATE)) == null ? DEFAULT_KEY_ID_TEMPLATE : config.getFirst(KEY_ID_TEMPLATE),
                ConfigValues.intValue(config.getFirst(MAX_PER_HOUR), 20, 1, 10_000),
                ServiceAccountPolicy.from(config));
    }

    public static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOWED_CLIENTS).label("Clients allowed to get certificates")
                .helpText("Client ids (the token's azp) or audiences whose access tokens may be exchanged for SSH "
                        + "certificates, e.g. ssh-cli and ssh-gateway. Empty: no client (every request is refused).")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(MIN_LOA).label("Minimum level of authentication")
                .helpText("The token's acr must map to at least this level (realm or client 'ACR to LoA mapping', or "
                        + "a numeric acr). 2 means: a second factor was used.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("2").add()
                .property().name(MAX_AUTH_AGE).label("Maximum authentication age (seconds)")
                .helpText("The token's auth_time must be at most this old: a certificate follows a fresh login.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("900").add()
                .property().name(EMAIL_CODES_FOR_CERTIFICATES).label("Email codes count for certificates")
                .helpText("A person's certificate always needs a login that proved a first factor (password or "
                        + "passkey) and a distinct second factor (TOTP, push, security key or recovery code), read "
                        + "from the session's completed steps, whatever the flow. Off (default): an email code is not "
                        + "a second factor for certificates, since whoever reads the mailbox could pass it. On: it is.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(DEFAULT_TTL).label("Default certificate validity (seconds)")
                .helpText("Used when the request names no ttl. Never beyond the user session's expiry.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("3600").add()
                .property().name(MAX_TTL).label("Maximum certificate validity (seconds)")
                .helpText("A requested ttl above this is refused.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("86400").add()
                .property().name(USERNAME_PRINCIPAL).label("Username is a principal")
                .helpText("The user's Keycloak username is one of the certificate's principals.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(PRINCIPALS_ATTRIBUTE).label("Principals user attribute")
                .helpText("A user attribute whose values are further principals (e.g. the cluster login name). It must "
                        + "be editable by admins only (Realm settings, User profile): if users can edit it "
                        + "themselves, the CA refuses to issue certificates (error principals_attribute_editable).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(GROUP_PRINCIPALS).label("Group principals")
                .helpText("Entries 'group path=principal[,principal]': members of the group also get these principals, "
                        + "e.g. /hpc-admins=hpcadmin.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(EXTENSIONS).label("Extensions for everyone")
                .helpText("OpenSSH extensions granted to every certificate: permit-pty (default), permit-agent-forwarding, "
                        + "permit-port-forwarding, permit-X11-forwarding, permit-user-rc.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).defaultValue("permit-pty").add()
                .property().name(GROUP_EXTENSIONS).label("Group extensions")
                .helpText("Entries 'group path=extension[,extension]', e.g. /developers=permit-port-forwarding.")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
                .property().name(FORCE_COMMAND).label("Force command")
                .helpText("Optional critical option force-command: the only command the certificate can run.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(SOURCE_ADDRESS).label("Source addresses")
                .helpText("Optional critical option source-address: comma-separated CIDR list of hosts that may "
                        + "connect with the certificate (with a gateway: the gateway's address).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(RSA_MIN_BITS).label("Minimum RSA key size")
                .helpText("RSA user keys below this are refused; 3072 by default, 2048 for older systems.")
                .type(ProviderConfigProperty.LIST_TYPE).options("3072", "2048", "4096").defaultValue("3072").add()
                .property().name(KEY_ID_TEMPLATE).label("Key id template")
                .helpText("The certificate's key id, logged by sshd. Variables: {realm} {username} {userId} {serial} "
                        + "{clientId} {sid}.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(DEFAULT_KEY_ID_TEMPLATE).add()
                .property().name(MAX_PER_HOUR).label("Certificates per user per hour")
                .helpText("At most this many certificates for one user in any 60 minutes, across cluster nodes.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("20").add()
                .build();
    }

    /** Multivalued entries; the admin console joins them with "##", kcadm users often with commas. */
    static List<String> list(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split("##|,"))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }

    /** "group path=a,b" entries; the admin console joins multivalued strings with "##". */
    private static Map<String, List<String>> mapping(List<String> values) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (values == null) {
            return result;
        }
        values.stream().flatMap(v -> Arrays.stream(v.split("##"))).forEach(entry -> {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                result.put(entry.substring(0, eq).trim(), Arrays.stream(entry.substring(eq + 1).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList());
            }
        });
        return result;
    }

    private static String blankToNull(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }
}
