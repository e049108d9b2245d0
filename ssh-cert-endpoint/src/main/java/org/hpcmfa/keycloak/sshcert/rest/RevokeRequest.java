package org.hpcmfa.keycloak.sshcert.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.hpcmfa.keycloak.sshcert.openssh.SshCertificate;
import org.hpcmfa.keycloak.sshcert.policy.SignRefusal;
import org.keycloak.models.KeycloakSession;

/** A revocation: by serial, by key id (admins), or by the certificate line itself. */
@JsonIgnoreProperties(ignoreUnknown = false)
public class RevokeRequest {

    @JsonProperty("serial")
    public Long serial;

    @JsonProperty("key_id")
    public String keyId;

    @JsonProperty("certificate")
    public String certificate;

    long serial(KeycloakSession session) throws SignRefusal {
        if (serial != null) {
            return serial;
        }
        if (certificate != null) {
            try {
                return SshCertificate.parse(certificate).serial();
            } catch (RuntimeException e) {
                throw SignRefusal.badRequest("invalid_certificate", "certificate is not an OpenSSH certificate line.");
            }
        }
        throw SignRefusal.badRequest("invalid_request", "Name the certificate by serial or certificate.");
    }
}
