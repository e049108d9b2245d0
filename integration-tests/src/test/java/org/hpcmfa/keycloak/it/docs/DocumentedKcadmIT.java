package org.hpcmfa.keycloak.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.hpcmfa.keycloak.it.PackJars;
import org.hpcmfa.keycloak.it.PackServerConfig;
import org.hpcmfa.keycloak.it.sshcert.DeviceLogin;
import org.hpcmfa.keycloak.it.sshterminal.TerminalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Runs every marked {@code kcadm.sh} block of the documentation exactly as written, with the distribution's own
 * {@code bin/kcadm.sh}, against the test server with the demo realm, and checks that each did what the text
 * around it says.
 */
@KeycloakIntegrationTest(config = PackServerConfig.class)
class DocumentedKcadmIT {

    private static final Pattern USERNAME = Pattern.compile("-q username=(\\S+)");

    @InjectRealm(fromJson = "/mfa-demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectAdminClient
    Keycloak admin;

    @TempDir
    Path home;

    @Test
    void everyDocumentedKcadmBlockRunsAgainstTheDemoRealmAndDoesWhatItSays() throws Exception {
        List<DocumentedKcadm.Block> blocks = DocumentedKcadm.blocks(PackJars.rootDir());
        assertTrue(blocks.size() >= 6, "marked kcadm.sh blocks: " + blocks);
        RealmRepresentation master = admin.realm("master").toRepresentation();
        String adminThemeBefore = master.getAdminTheme();
        master.setAdminTheme("keycloak.v2"); // so the documented admin-theme block visibly changes it
        admin.realm("master").update(master);
        try {
            for (DocumentedKcadm.Block block : blocks) {
                mail.runCleanup();
                String output = run(block);
                int checked = checkEffects(block, output);
                assertTrue(checked > 0, block.where() + ": DocumentedKcadmIT does not know what this block should do; "
                        + "add a check of its effect\n" + block.commands());
            }
        } finally {
            master.setAdminTheme(adminThemeBefore == null ? "" : adminThemeBefore);
            admin.realm("master").update(master);
        }
    }

    /** Checks what the block's commands promise; returns how many checks applied. */
    private int checkEffects(DocumentedKcadm.Block block, String output) throws Exception {
        String commands = block.commands();
        String where = block.where() + "\n" + output;
        int checked = 0;
        Matcher user = USERNAME.matcher(commands);
        String email = user.find() ? userNamed(user.group(1)).getEmail() : null;
        if (commands.matches("(?s).*create registration-tokens/users/\\$USER_ID -r mfa-demo -o.*")) {
            assertTrue(output.contains("\"emailed\" : true"), where);
            assertTrue(mailsTo(email) >= 1, "no registration-token mail to " + email + ": " + where);
            checked++;
        }
        if (commands.contains("?email=false")) {
            assertTrue(output.matches("(?s).*\"token\" : \"[A-Z0-9-]{16,}\".*"), "the token, returned once: " + where);
            checked++;
        }
        if (commands.contains("create registration-tokens/groups/")) {
            assertTrue(output.matches("(?s).*\"issued\" : \\[[^\\]]*dana.*"), "dana is a newcomer: " + where);
            assertTrue(mailsTo("dana@example.org") >= 1, "no mail to the newcomer dana: " + where);
            checked++;
        }
        if (commands.contains("/lost-phone")) {
            assertTrue(output.contains("\"removedCredentials\""), where);
            assertTrue(mailsTo(email) >= 1, "no fresh token mailed to " + email + " after the lost phone: " + where);
            checked++;
        }
        if (commands.contains("get account-recovery/factors")) {
            assertTrue(output.contains("\"usersPerCredentialType\"") && output.contains("\"withoutSecondFactor\""), where);
            checked++;
        }
        if (commands.contains("kcadm.sh update realms/master -s adminTheme=hpc-mfa")) {
            assertEquals("hpc-mfa", admin.realm("master").toRepresentation().getAdminTheme(), where);
            checked++;
        }
        if (commands.contains("kcadm.sh update realms/mfa-demo -s 'attributes.\"hpc-push.sign-every-poll\"=true'")) {
            assertEquals("true", realm.admin().toRepresentation().getAttributes().get("hpc-push.sign-every-poll"), where);
            checked++;
        }
        if (commands.contains("clientId=ci-docs")) {
            checkTheDocumentedJobGetsACertificate(where);
            checked++;
        }
        return checked;
    }

    /** The job the service-account block creates: its principal, the CA's list, and a certificate it can get. */
    private void checkTheDocumentedJobGetsACertificate(String where) throws Exception {
        ClientRepresentation client = realm.admin().clients().findByClientId("ci-docs").get(0);
        assertTrue(client.isServiceAccountsEnabled() && !client.isPublicClient(), where);
        UserRepresentation account = realm.admin().clients().get(client.getId()).getServiceAccountUser();
        assertEquals(List.of("deploy"), realm.admin().users().get(account.getId()).toRepresentation()
                .getAttributes().get("ssh-principals"), where);
        ComponentRepresentation ca = realm.admin().components().query(null, "org.keycloak.keys.KeyProvider").stream()
                .filter(c -> "hpc-ssh-user-ca".equals(c.getProviderId())).findFirst().orElseThrow();
        // The key provider's multi-valued settings come back in storage order, not the order they were set in.
        assertEquals(java.util.Set.of("ci-deploy", "ci-docs"), java.util.Set.copyOf(ca.getConfig().get("service-account-clients")), where);

        String token = new TerminalApi(realm.getBaseUrl()).gatewayToken("ci-docs", TerminalApi.secret(realm.admin(), "ci-docs"));
        DeviceLogin.Reply signed = new DeviceLogin(realm.getBaseUrl()).sign(token,
                "{\"public_key\":\"" + ed25519PublicKey() + "\"}");
        assertEquals(200, signed.status(), where + "\n" + signed.body());
        assertEquals("[\"deploy\"]", signed.body().get("principals").toString(), where);
    }

    private String run(DocumentedKcadm.Block block) throws Exception {
        Path bin = PackJars.serverProvidersDir().getParent().resolve("bin");
        assertTrue(Files.isExecutable(bin.resolve("kcadm.sh")), "no kcadm.sh in " + bin);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block.commands())
                .directory(home.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        // HOME keeps kcadm.sh's login (~/.keycloak/kcadm.config) to this test, as a reader's shell keeps it.
        builder.environment().put("HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), block.where() + ": still running after 3 minutes");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), block.where() + " failed:\n" + block.commands() + "\nstdout:\n" + output
                + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        return output;
    }

    private UserRepresentation userNamed(String username) {
        return realm.admin().users().searchByUsername(username, true).get(0);
    }

    private long mailsTo(String address) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (Address recipient : message.getAllRecipients()) {
                to.add(recipient.toString());
            }
        }
        return to.stream().filter(address::equalsIgnoreCase).count();
    }

    /** An OpenSSH {@code ssh-ed25519} public key line, made in Java so this test needs no OpenSSH. */
    private static String ed25519PublicKey() throws Exception {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(8 + type.length + raw.length);
        blob.putInt(type.length).put(type).putInt(raw.length).put(raw);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array());
    }
}
