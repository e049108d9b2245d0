package org.hpcmfa.keycloak.sshcert.policy;

import java.util.List;

import org.keycloak.models.UserSessionModel;

/**
 * What one caller may have in a certificate, before the request narrows it: the principals, the validity bounds,
 * the key id template, and the login session whose end the certificate must not outlive. A person and a service
 * account get different terms from the same policy; everything after (signing, records, events) is shared.
 */
public record CertificateTerms(boolean serviceAccount, List<String> principals, int defaultTtlSeconds,
        int maxTtlSeconds, String keyIdTemplate, UserSessionModel sessionLimit) {

    public static CertificateTerms of(SshCertPolicy policy, CertificateRequester.Caller caller) throws SignRefusal {
        if (!caller.serviceAccount()) {
            return new CertificateTerms(false, Principals.granted(caller.user(), policy), policy.defaultTtlSeconds(),
                    policy.maxTtlSeconds(), policy.keyIdTemplate(), caller.userSession());
        }
        ServiceAccountPolicy accounts = policy.serviceAccounts();
        List<String> principals = Principals.ofServiceAccount(caller.user(), accounts);
        if (principals.isEmpty()) {
            throw SignRefusal.forbidden("no_principals", "The service account of client '"
                    + caller.token().getIssuedFor() + "' has no SSH principals: an admin sets the attribute '"
                    + accounts.principalsAttribute() + "' on its service-account user.");
        }
        // A client-credentials login has no session a person could end, so only the service-account cap applies.
        return new CertificateTerms(true, principals, accounts.defaultTtlSeconds(policy), accounts.maxTtlSeconds(),
                accounts.keyIdTemplate(), null);
    }
}
