package org.hpcmfa.keycloak.it.accountrecovery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.Mails;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.mail.MailServer;

/** What a realm admin changes for "Disable two-factor login", and what the tests read back, via the admin API. */
final class DisableMfaAdmin {

    static final String ACTION = "hpc-disable-mfa";

    /** The demo realm's settings of the action (demo/mfa-demo-realm.json). */
    private static final Map<String, String> DEMO_SETTINGS = Map.of(
            "link-validity-minutes", "15", "max_auth_age", "0", "allow-unverified-email", "false");

    private static final Pattern LINK =
            Pattern.compile("(http://localhost:8080/realms/[^/]+/login-actions/action-token\\?key=[A-Za-z0-9._-]+)");

    private DisableMfaAdmin() {
    }

    /** The action's settings: the demo's, changed by {@code overrides}. */
    static void settings(RealmResource realm, Map<String, String> overrides) {
        RequiredActionConfigRepresentation config = realm.flows().getRequiredActionConfig(ACTION);
        Map<String, String> values = new HashMap<>(DEMO_SETTINGS);
        values.putAll(overrides);
        config.setConfig(values);
        realm.flows().updateRequiredActionConfig(ACTION, config);
    }

    /** The switch in Authentication, Required actions. */
    static void enabled(RealmResource realm, String alias, boolean enabled) {
        RequiredActionProviderRepresentation action = realm.flows().getRequiredAction(alias);
        action.setEnabled(enabled);
        realm.flows().updateRequiredAction(alias, action);
    }

    /**
     * Email codes only for addresses in {@code domains} (empty: any), in every email-code step of the realm: the
     * tests' users at example.net then have no email code, so without TOTP and push they have no second factor.
     */
    static void emailCodesOnlyFor(RealmResource realm, String domains) {
        Set<String> done = new HashSet<>();
        for (AuthenticationFlowRepresentation flow : realm.flows().getFlows()) {
            for (AuthenticationExecutionInfoRepresentation execution : realm.flows().getExecutions(flow.getAlias())) {
                if ("hpc-email-otp".equals(execution.getProviderId()) && execution.getAuthenticationConfig() != null
                        && done.add(execution.getAuthenticationConfig())) {
                    AuthenticatorConfigRepresentation config =
                            realm.flows().getAuthenticatorConfig(execution.getAuthenticationConfig());
                    Map<String, String> values = new HashMap<>(config.getConfig());
                    values.put("allowed-domains", domains);
                    config.setConfig(values);
                    realm.flows().updateAuthenticatorConfig(config.getId(), config);
                }
            }
        }
    }

    static List<String> credentialTypes(RealmResource realm, String userId) {
        return realm.users().get(userId).credentials().stream().map(CredentialRepresentation::getType).sorted().toList();
    }

    /** Stored events of one user, newest first. */
    static List<EventRepresentation> events(RealmResource realm, String userId, String... types) {
        return realm.getEvents(types.length == 0 ? null : List.of(types), null, userId, null, null, null, 0, 200);
    }

    /** The newest mail to {@code address}, waiting up to ten seconds for it; null if none came. */
    static MimeMessage mailTo(MailServer mail, String address, int alreadySeen) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<MimeMessage> to = mailsTo(mail, address);
            if (to.size() > alreadySeen) {
                return to.get(to.size() - 1);
            }
            Thread.sleep(100);
        }
        return null;
    }

    static List<MimeMessage> mailsTo(MailServer mail, String address) throws Exception {
        List<MimeMessage> to = new java.util.ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (Address recipient : message.getAllRecipients()) {
                if (recipient.toString().equalsIgnoreCase(address)) {
                    to.add(message);
                }
            }
        }
        return to;
    }

    static String linkIn(MimeMessage message) {
        Matcher m = LINK.matcher(Mails.text(message));
        if (!m.find()) {
            throw new AssertionError("no confirmation link in " + Mails.text(message));
        }
        return m.group(1);
    }
}
