package org.hpcmfa.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * One full portal login with an email code against one with Keycloak's built-in OTP form, on the same server
 * and the same flow (the demo realm's mfa-browser, used by its research-app client), measured side by side. Run by bench/email-code-vs-otp.sh;
 * not part of the test suite (its name does not end in IT).
 *
 * A login is: authorization request, username/password, second factor, code-to-token exchange. For the email
 * code the mail is read from GreenMail; Keycloak sends it synchronously while answering the password POST,
 * so the only waiting measured is GreenMail filing the message it has already acknowledged. Each phase is timed
 * apart, and the password step once more with the realm's SMTP port closed, which splits the email code's extra
 * time into the SMTP conversation and the rest of the send path (docs/benchmarks.md).
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class EmailCodeVsOtpLoginBench {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 40);
    /** The phases of one login, timed apart: where the email code's extra time goes. */
    private static final List<String> PHASES = List.of("authorization request", "password step",
            "mail arrival", "second-factor step", "token request");

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @Test
    void emailCodeLoginAgainstOtpLogin() throws Exception {
        int users = WARMUP + ROUNDS;
        List<String> emailUsers = new ArrayList<>();
        List<String> otpUsers = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            emailUsers.add(TestUsers.create(realm.admin(), "bench-mail", "example.org", true));
            // Unverified address: the flow offers this user only TOTP. One user per login: TOTP codes are single use.
            otpUsers.add(TestUsers.create(realm.admin(), "bench-otp", "example.org", false, true));
        }

        long[] email = new long[ROUNDS];
        long[] otp = new long[ROUNDS];
        long[][] emailPhases = new long[PHASES.size()][ROUNDS];
        long[][] otpPhases = new long[PHASES.size()][ROUNDS];
        for (int i = 0; i < users; i++) {
            long[] e = timeLogin(emailUsers.get(i), true);
            long[] o = timeLogin(otpUsers.get(i), false);
            if (i >= WARMUP) {
                email[i - WARMUP] = Arrays.stream(e).sum();
                otp[i - WARMUP] = Arrays.stream(o).sum();
                for (int p = 0; p < PHASES.size(); p++) {
                    emailPhases[p][i - WARMUP] = e[p];
                    otpPhases[p][i - WARMUP] = o[p];
                }
            }
        }
        report("email-code login", email);
        report("built-in OTP-form login", otp);
        for (int p = 0; p < PHASES.size(); p++) {
            System.out.printf("BENCH phase %-22s median email-code %.1f ms, OTP form %.1f ms%n", PHASES.get(p),
                    percentile(emailPhases[p], 50) / 1e6, percentile(otpPhases[p], 50) / 1e6);
        }
        System.out.printf("BENCH ratio email-code/OTP (median): %.2f%n",
                (double) percentile(email, 50) / percentile(otp, 50));
        System.out.printf("BENCH ratio email-code/OTP (p95): %.2f%n",
                (double) percentile(email, 95) / percentile(otp, 95));
        passwordStepWithSmtpRefusing(users, otpUsers);
    }

    /**
     * The password step again with the realm's SMTP port closed (connection refused at once): the mail is rendered
     * and everything else of the send path runs, only the SMTP conversation is missing. Against the OTP form's
     * password step, side by side; fresh email users, as the ones above are in their resend cooldown.
     */
    private void passwordStepWithSmtpRefusing(int users, List<String> otpUsers) throws Exception {
        List<String> emailUsers = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            emailUsers.add(TestUsers.create(realm.admin(), "bench-nosmtp", "example.org", true));
        }
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> smtp = rep.getSmtpServer();
        Map<String, String> refusing = new HashMap<>(smtp);
        refusing.put("port", "3026"); // nothing listens there
        rep.setSmtpServer(refusing);
        realm.admin().update(rep);
        long[] email = new long[ROUNDS];
        long[] otp = new long[ROUNDS];
        try {
            for (int i = 0; i < users; i++) {
                long e = timePasswordStep(emailUsers.get(i), true);
                long o = timePasswordStep(otpUsers.get(i), false);
                if (i >= WARMUP) {
                    email[i - WARMUP] = e;
                    otp[i - WARMUP] = o;
                }
            }
        } finally {
            rep.setSmtpServer(smtp);
            realm.admin().update(rep);
        }
        System.out.printf("BENCH phase password step, SMTP refusing: median email-code %.1f ms, OTP form %.1f ms%n",
                percentile(email, 50) / 1e6, percentile(otp, 50) / 1e6);
    }

    private long timePasswordStep(String username, boolean emailCode) throws Exception {
        HttpLoginClient client = new HttpLoginClient();
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/");
        client.get(login.authorizationUrl(Map.of()));
        long start = System.nanoTime();
        client.submit("kc-form-login", Map.of("username", username, "password", TestUsers.PASSWORD));
        long nanos = System.nanoTime() - start;
        // The person sees why no code came (SMTP down), not a code field waiting for a mail that never leaves.
        String expected = emailCode ? "could not be sent" : "kc-otp-login-form";
        assertTrue(client.last().body().contains(expected), () -> "expected " + expected + ": " + client.last().body());
        return nanos;
    }

    /** Nanoseconds of each of the {@link #PHASES} of one login (mail arrival 0 for the OTP form). */
    private long[] timeLogin(String username, boolean emailCode) throws Exception {
        HttpLoginClient client = new HttpLoginClient();
        BrowserLogin login = new BrowserLogin(realm.getBaseUrl(), LoginDriver.APP, realm.getBaseUrl() + "/");
        mail.runCleanup();
        long[] at = new long[PHASES.size() + 1];
        at[0] = System.nanoTime();
        client.get(login.authorizationUrl(Map.of()));
        at[1] = System.nanoTime();
        client.submit("kc-form-login", Map.of("username", username, "password", TestUsers.PASSWORD));
        at[2] = System.nanoTime();
        if (emailCode) {
            // GreenMail files the message a moment after acknowledging it to Keycloak.
            mail.waitForIncomingEmail(5_000, 1);
            MimeMessage[] received = mail.getReceivedMessages();
            assertEquals(1, received.length, () -> "one code mail per login; page: " + client.last().body());
            at[3] = System.nanoTime();
            client.submit("kc-email-otp-form", Map.of("emailCode", Mails.code(received[0])));
        } else {
            at[3] = System.nanoTime();
            client.submit("kc-otp-login-form", Map.of("otp", TestUsers.totpNow()));
        }
        at[4] = System.nanoTime();
        login.redeem(client.location());
        at[5] = System.nanoTime();
        long[] phases = new long[PHASES.size()];
        for (int p = 0; p < phases.length; p++) {
            phases[p] = at[p + 1] - at[p];
        }
        return phases;
    }

    private static void report(String what, long[] nanos) {
        System.out.printf("BENCH %-24s n=%d median=%.1f ms p95=%.1f ms mean=%.1f ms%n", what, nanos.length,
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
