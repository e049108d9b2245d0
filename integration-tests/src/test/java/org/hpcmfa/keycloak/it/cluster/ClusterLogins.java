package org.hpcmfa.keycloak.it.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.BrowserLogin;
import org.hpcmfa.keycloak.it.HttpLoginClient;
import org.hpcmfa.keycloak.it.LoginDriver;
import org.hpcmfa.keycloak.it.Mails;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.push.PushEnrolment;

/** Browser logins through the cluster, each request sent to the node the test names. */
final class ClusterLogins {

    private static final Pattern STATUS_URL = Pattern.compile("data-status-url=\"([^\"]+)\"");
    private static final Pattern NUMBER = Pattern.compile("id=\"push-number\"[^>]*>(\\d\\d)<");

    private final KeycloakCluster cluster;

    ClusterLogins(KeycloakCluster cluster) {
        this.cluster = cluster;
    }

    /** Username and password of the research app on {@code node}: the client stands at the second factor. */
    HttpLoginClient passwordStep(KeycloakNode node, String user) throws Exception {
        HttpLoginClient client = new HttpLoginClient().via(node.route());
        String realmUrl = KeycloakCluster.realmUrl();
        client.get(new BrowserLogin(realmUrl, LoginDriver.APP, realmUrl + "/").authorizationUrl(Map.of()));
        client.submit("kc-form-login", Map.of("username", user, "password", TestUsers.PASSWORD));
        PushEnrolment.follow(client, realmUrl);
        return client;
    }

    static boolean completed(HttpLoginClient client) throws Exception {
        PushEnrolment.follow(client, KeycloakCluster.realmUrl());
        return client.last().statusCode() == 302 && client.location().contains("code=");
    }

    /**
     * The code of the first mail to {@code user} after the {@code after} that user had already received.
     * GreenMail lists messages mailbox by mailbox, not in arrival order, so counts are kept per recipient.
     */
    String mailedCode(String user, int after) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<MimeMessage> mine = mailsTo(user);
            if (mine.size() > after) {
                return Mails.code(mine.get(mine.size() - 1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no code mailed to " + user);
    }

    /** How many mails {@code user} has received so far. */
    int mailCount(String user) {
        return mailsTo(user).size();
    }

    List<MimeMessage> mailsTo(String user) {
        return Arrays.stream(cluster.mail.getReceivedMessages()).filter(m -> to(m).startsWith(user + "@")).toList();
    }

    private static final Pattern FEEDBACK = Pattern.compile("(?s)class=\"[^\"]*(?:kc-feedback-text|pf-v5-c-alert__title|input-error)[^\"]*\"[^>]*>(.*?)<");

    /** The message a failed page shows, for a test's error report; the page's title otherwise. */
    static String feedback(String body) {
        Matcher m = FEEDBACK.matcher(body);
        if (m.find()) {
            return m.group(1).trim();
        }
        Matcher title = Pattern.compile("(?s)<title>(.*?)</title>").matcher(body);
        return title.find() ? title.group(1).trim() : body.substring(0, Math.min(200, body.length()));
    }

    static String statusUrl(HttpLoginClient client) {
        Matcher status = STATUS_URL.matcher(client.last().body());
        if (!status.find()) {
            throw new AssertionError("not the push waiting page: " + client.last().body());
        }
        return status.group(1).replace("&amp;", "&");
    }

    static String number(HttpLoginClient client) {
        Matcher number = NUMBER.matcher(client.last().body());
        return number.find() ? number.group(1) : null;
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

}
