package org.hpcmfa.keycloak.it.cluster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
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

    /** The newest code mailed to {@code user} after {@code after} messages had arrived. */
    String mailedCode(String user, int after) throws Exception {
        for (int i = 0; i < 100; i++) {
            MimeMessage[] messages = cluster.mail.getReceivedMessages();
            Optional<MimeMessage> mine = Arrays.stream(messages).skip(after)
                    .filter(m -> to(m).startsWith(user + "@"))
                    .max(Comparator.comparing(ClusterLogins::sent));
            if (mine.isPresent()) {
                return Mails.code(mine.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no code mailed to " + user);
    }

    int mailCount() {
        return cluster.mail.getReceivedMessages().length;
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

    private static java.util.Date sent(MimeMessage message) {
        try {
            return message.getSentDate() == null ? new java.util.Date(0) : message.getSentDate();
        } catch (Exception e) {
            return new java.util.Date(0);
        }
    }
}
