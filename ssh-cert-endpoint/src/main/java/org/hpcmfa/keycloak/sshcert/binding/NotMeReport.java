package org.hpcmfa.keycloak.sshcert.binding;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.common.events.EventErrors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "This was not me": a LOGIN_ERROR event with error {@code ssh_key_login_not_me} naming the client, the requesting address and
 * the key, and a mail to the user that says the same and what to do. The person just proved their factors, so
 * the warning reaches the account's owner; the mail is best effort (an event records whether it was sent).
 */
final class NotMeReport {

    static final String ERROR = EventErrors.Capability.SSH_KEY.error("login_not_me");
    static final String TEMPLATE = "hpc-ssh-login-not-me.ftl";
    static final String SUBJECT = "ssh-cert-endpoint.notMeMailSubject";

    private static final Logger LOG = Logger.getLogger(NotMeReport.class);

    private NotMeReport() {
    }

    static void report(AuthenticationFlowContext context, KeyReview review) {
        UserModel user = context.getUser();
        String mail = send(context, review, user);
        EventBuilder event = context.getEvent().clone().user(user)
                .detail(Details.REASON, "not_me")
                .detail("requester_address", String.valueOf(review.getRequesterAddress()))
                .detail("key_fingerprint", String.valueOf(review.getFingerprint()))
                .detail("mail", mail);
        event.error(ERROR);
    }

    /** "sent", "no_address" or "failed". */
    private static String send(AuthenticationFlowContext context, KeyReview review, UserModel user) {
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return "no_address";
        }
        RealmModel realm = context.getRealm();
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        // A mutable map: the email provider adds its own attributes to it.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("username", user.getUsername());
        attributes.put("clientName", review.getClientName());
        attributes.put("clientId", review.getClientId());
        attributes.put("requesterAddress", review.getRequesterAddress() == null ? "?" : review.getRequesterAddress());
        attributes.put("fingerprint", review.getFingerprint() == null ? "-" : review.getFingerprint());
        attributes.put("time", ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(Time.currentTime()), ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        attributes.put("realmName", realmName);
        try {
            context.getSession().getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(user)
                    .send(SUBJECT, List.of(review.getClientName()), TEMPLATE, attributes);
            return "sent";
        } catch (EmailException e) {
            LOG.warnf("Could not mail the 'not me' warning to user %s: %s", user.getId(), e.getMessage());
            return "failed";
        }
    }
}
