package org.hpcmfa.keycloak.sshcert.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.common.console.ConsoleAdmin;
import org.hpcmfa.keycloak.common.console.ConsoleForm;
import org.hpcmfa.keycloak.common.console.ConsoleTab;
import org.hpcmfa.keycloak.common.console.ConsoleMessages;
import org.hpcmfa.keycloak.sshcert.store.CertificateRecords;
import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * An "SSH certificates" tab on each user in the admin console. Save lists the user's unexpired certificates
 * (serial, key id, principals, expiry, revoked or not, key fingerprint, client, requesting address: what the
 * person's own page shows); with a serial in "Revoke serial", Save first revokes that
 * certificate of this user through {@link SshCaAdminResource#revoke}, the REST endpoint's own code: same
 * permission check, same admin event, and the KRL lists the serial from then on. Keycloak keeps the form as one
 * component per realm, so the listing shown is that of the last Save and names its user; the serial is stored
 * empty again, so a realm import never revokes anything.
 */
public class SshCertificatesTab extends ConsoleTab {

    public static final String ID = "hpc-ssh-certificates-tab";
    static final String REVOKE = "hpcSshRevokeSerial";
    static final String LISTING = "hpcSshCertificates";

    public SshCertificatesTab() {
        super(ID, USER_PAGE, "ssh-certificates", "ssh-cert-endpoint.consoleTabHelp");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(REVOKE).label("ssh-cert-endpoint.consoleRevokeSerial")
                .helpText("ssh-cert-endpoint.consoleRevokeSerialHelp")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .build());
        properties.add(ConsoleForm.output(LISTING, "ssh-cert-endpoint.consoleCertificates",
                "ssh-cert-endpoint.consoleCertificatesHelp"));
        properties.add(ConsoleForm.pageParameter(USER_ID));
        return properties;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String serial = model.get(REVOKE);
        model.put(REVOKE, "");
        UserPageSave save = userPageSave(session, realm, model).orElse(null);
        if (save == null) {
            return; // an import or a save outside a user's page
        }
        ConsoleAdmin admin = save.admin();
        UserModel user = existingUser(session, realm, save.userId());
        admin.permissions().users().requireView(user);
        CertificateRecords records = new CertificateRecords(session, realm.getId());
        if (serial != null && !serial.isBlank()) {
            revoke(session, realm, admin, records, user, serial.trim());
        }
        ConsoleMessages messages = ConsoleMessages.forAdmin(session, admin.auth().getUser());
        List<SshCertificateEntity> current = records.currentOfUser(user.getId(), Time.currentTime());
        String lines = current.isEmpty() ? messages.format("ssh-cert-endpoint.consoleNoCertificates") : current.stream()
                .map(c -> messages.format("ssh-cert-endpoint.consoleCertificateLine",
                        Long.toUnsignedString(c.getSerial()), c.getKeyId(),
                        c.getPrincipals(), ConsoleMessages.when(c.getValidBefore()),
                        c.getRevokedAt() == null ? "" : messages.format("ssh-cert-endpoint.consoleRevokedMark"),
                        c.getKeyFingerprint(), String.valueOf(c.getClientId()),
                        c.getRequestAddress() == null ? "-" : c.getRequestAddress()))
                .collect(Collectors.joining("\n"));
        model.put(LISTING, messages.format("ssh-cert-endpoint.consoleCertificatesOf", user.getUsername(),
                ConsoleMessages.when(Time.currentTime())) + "\n" + lines);
    }

    /** Revokes one certificate, only if it is this user's: a tab on Alice must not revoke Bob's. */
    private static void revoke(KeycloakSession session, RealmModel realm, ConsoleAdmin admin,
            CertificateRecords records, UserModel user, String serial) {
        long value;
        try {
            value = Long.parseUnsignedLong(serial);
        } catch (NumberFormatException e) {
            throw new ComponentValidationException("ssh-cert-endpoint.consoleNotASerial", serial);
        }
        if (records.bySerial(value).stream().noneMatch(c -> user.getId().equals(c.getUserId()))) {
            throw new ComponentValidationException("ssh-cert-endpoint.consoleNotUsersSerial", serial,
                    user.getUsername());
        }
        requireOk(new SshCaAdminResource(session, realm, admin.permissions(), admin.events("ssh-ca", "revoke"))
                .revoke("{\"serial\": " + value + "}"));
    }
}
