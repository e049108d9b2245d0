package org.hpcmfa.keycloak.common.terminal;

import java.util.Set;

import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.representations.AccessToken;

/**
 * A certificate for the person who just passed the SSH terminal prompt, when the login node sends their public
 * key (ssh-cert-endpoint issues it with its own rules, record and event). The prompt works without a provider:
 * the login succeeds and the answer says that no certificate could be issued.
 */
public interface TerminalCertificates extends Provider {

    /**
     * Issues a certificate for {@code user}'s {@code publicKey}, asked by the login node {@code gateway} (whose
     * client-credentials token is {@code gatewayToken}). A refusal is an answer, not an exception: the login
     * stands either way. {@code factors} and {@code authTime} (epoch seconds) are what the login proved and when,
     * for the certificate's MFA evidence.
     */
    TerminalCertificate issue(RealmModel realm, ClientModel gateway, AccessToken gatewayToken, UserModel user,
            String publicKey, Set<LoginFactor> factors, long authTime);

    @Override
    default void close() {
    }
}
