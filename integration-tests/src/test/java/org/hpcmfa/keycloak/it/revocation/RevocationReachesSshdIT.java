package org.hpcmfa.keycloak.it.revocation;

import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_CLIENT;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.OPENSSH_SERVER;
import static org.hpcmfa.keycloak.it.prerequisites.Prerequisite.PYTHON3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.TestUsers;
import org.hpcmfa.keycloak.it.revocation.RevocationTriggers.Trigger;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.hpcmfa.keycloak.it.prerequisites.Needs;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Issue 13's target, for every trigger: lost-phone reset, "Disable two-factor login" confirmed, removal of the
 * last second factor, disabling the user, deleting the user, "sign out all sessions". One real sshd whose
 * RevokedKeys file is written by login-node/hpc-krl-sync in its loop mode; per trigger a person whose
 * certificate sshd accepts, the trigger, then ssh until sshd refuses it as revoked, within 60 seconds. A
 * bystander's certificate is still accepted at the end: sshd refuses because the certificate is listed, not
 * because the synced file broke every login.
 */
@Needs({OPENSSH_CLIENT, OPENSSH_SERVER, PYTHON3})
@KeycloakIntegrationTest(config = PackServerConfig.class)
class RevocationReachesSshdIT {

    /** The loop's period here: short, so the six triggers take seconds; the shipped timer's is checked elsewhere. */
    private static final double SYNC_SECONDS = 2;
    private static final long TARGET_NANOS = 60_000_000_000L;

    @InjectMailServer
    MailServer mail;

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path dir;

    @Test
    void everyTriggerMakesARealSshdRefuseTheCertificateWithinAMinute() throws Exception {
        long classStart = System.nanoTime();
        UserCertificates certificates = new UserCertificates(realm, dir);
        RevocationTriggers triggers = new RevocationTriggers(realm, admin, mail);
        Map<Trigger, String> users = new EnumMap<>(Trigger.class);
        Map<Trigger, String> ids = new EnumMap<>(Trigger.class); // kept: a deleted user has no name to look up
        Map<Trigger, UserCertificates.Issued> issued = new EnumMap<>(Trigger.class);
        for (Trigger trigger : Trigger.values()) {
            String user = certificates.user("sshd-" + trigger.name().toLowerCase().replace('_', '-'));
            users.put(trigger, user);
            ids.put(trigger, TestUsers.id(realm.admin(), user));
            issued.put(trigger, certificates.issue(user, 0));
        }
        String bystander = certificates.user("sshd-bystander");
        UserCertificates.Issued bystanders = certificates.issue(bystander, 0);
        List<String> principals = new ArrayList<>(users.values());
        principals.add(bystander);

        Path sshdDir = Files.createDirectories(dir.resolve("sshd"));
        Path syncLog = dir.resolve("sync.log");
        Map<Trigger, Double> seconds = new EnumMap<>(Trigger.class);
        try (Sshd sshd = Sshd.start(sshdDir, new DeviceLogin(realm.getBaseUrl()).caPub(),
                Krls.get(realm.getBaseUrl(), Map.of()).body(), principals.get(0))) {
            sshd.principals(principals.toArray(String[]::new));
            Process loop = KrlSync.loop(realm.getBaseUrl(), sshdDir.resolve("krl"), SYNC_SECONDS, syncLog);
            try {
                for (Trigger trigger : Trigger.values()) {
                    UserCertificates.Issued certificate = issued.get(trigger);
                    Sshd.Result before = sshd.ssh(Map.of(), certificate.sshOptions());
                    assertEquals(0, before.exitCode(), trigger + ": sshd refused the certificate before the trigger: "
                            + before.output() + sshd.log());
                    long start = triggers.fire(trigger, users.get(trigger));
                    double refusedAfter = untilRefused(sshd, certificate, start);
                    System.out.printf("revocation -> sshd refuses: %-18s %.2f s (sync loop every %.0f s)%n",
                            trigger, refusedAfter, SYNC_SECONDS);
                    assertTrue(refusedAfter >= 0, trigger + ": sshd still accepted the certificate after 60 s; sync log: "
                            + Files.readString(syncLog));
                    String fingerprint = fingerprint(certificate);
                    assertTrue(sshd.log().lines().anyMatch(l -> l.contains(fingerprint) && l.contains("revoked")),
                            trigger + ": sshd refused, but not as revoked: " + sshd.log());
                    assertEquals(1, Krls.revocationEvents(realm.admin(), ids.get(trigger), trigger.reason).size(),
                            trigger + ": no revocation event with reason " + trigger.reason);
                    seconds.put(trigger, refusedAfter);
                }
                Sshd.Result stillIn = sshd.ssh(Map.of(), bystanders.sshOptions());
                assertEquals(0, stillIn.exitCode(), "the bystander's certificate no longer logs in: " + stillIn.output());
                assertTrue(stillIn.output().contains("logged-in-as-"), stillIn.output());
            } finally {
                loop.destroy();
            }
        }
        System.out.printf("revocation -> sshd refuses, all six triggers: max %.2f s; test body %.1f s%n",
                seconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(-1),
                (System.nanoTime() - classStart) / 1e9);
    }

    /** ssh every 200 ms until sshd refuses; the seconds since {@code start}, or -1 after 60 s. */
    private static double untilRefused(Sshd sshd, UserCertificates.Issued certificate, long start) throws Exception {
        while (System.nanoTime() - start < TARGET_NANOS) {
            if (sshd.ssh(Map.of(), certificate.sshOptions()).exitCode() != 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(200);
        }
        return -1;
    }

    /** The key's SHA256 fingerprint, as sshd names it when it refuses a revoked key. */
    private static String fingerprint(UserCertificates.Issued certificate) throws Exception {
        Sshd.Result listed = Sshd.run(List.of("ssh-keygen", "-l", "-f",
                certificate.key().resolveSibling(certificate.key().getFileName() + ".pub").toString()), Map.of());
        return listed.output().split(" ")[1];
    }
}
