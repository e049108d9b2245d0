package org.hpcmfa.keycloak.sshcert.issue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hpcmfa.keycloak.sshcert.store.SshCertificateEntity;

/**
 * The JSON of an issued certificate, the same from {@code ssh-ca/sign} and after a terminal login: a contract with
 * hpc-ssh-cert, hpc-mfa-terminal and the PAM module, so its field names never change.
 */
public final class IssuedCertificateJson {

    private IssuedCertificateJson() {
    }

    public static Map<String, Object> of(CertificateIssuer.Issued issued) {
        SshCertificateEntity record = issued.record();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", issued.line());
        body.put("serial", record.getSerial());
        body.put("key_id", record.getKeyId());
        body.put("principals", record.getPrincipals().split(","));
        body.put("valid_after", record.getValidAfter());
        body.put("valid_before", record.getValidBefore());
        body.put("ca_fingerprint", record.getCaFingerprint());
        // What the caller proved, so a client can tell its user (Magento's "Multi-factor authentication: verified").
        body.put("service_account", issued.serviceAccount());
        body.put("mfa", issued.serviceAccount() ? "not_required" : "verified");
        return body;
    }
}
