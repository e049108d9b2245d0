package org.hpcmfa.keycloak.sshcert.issue;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.hpcmfa.keycloak.common.factors.LoginFactor;
import org.hpcmfa.keycloak.common.factors.LoginSteps;
import org.hpcmfa.keycloak.sshcert.policy.CertificateRequester;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the login behind a certificate proved, written into the certificate as two extensions so that sshd (through
 * login-node's {@code hpc-mfa-principals}) can enforce its own MFA policy: {@value #FACTORS} names the factors
 * (comma-separated tokens, sorted), {@value #AUTH_TIME} the time of that login in epoch seconds. The names follow
 * OpenSSH's {@code name@domain} rule for vendor extensions; docs/ssh-certificates.md documents the scheme.
 * Service-account certificates carry neither: no person proved anything.
 */
public record MfaEvidence(Collection<LoginFactor> factors, long authTime) {

    public static final String FACTORS = "mfa-factors@hpc-mfa.org";
    public static final String AUTH_TIME = "mfa-auth-time@hpc-mfa.org";

    /** The evidence of a {@code sign} caller's login: its completed steps and the token's {@code auth_time}. */
    public static MfaEvidence ofLogin(KeycloakSession session, RealmModel realm, CertificateRequester.Caller caller,
            boolean firstFactorByRequest) {
        Long authTime = caller.token().getAuth_time();
        return new MfaEvidence(LoginSteps.evidence(session, realm, caller.userSession(), firstFactorByRequest).proven(),
                authTime == null ? 0 : authTime);
    }

    /**
     * The evidence of a renewal by one tap: what was proven just now, at {@code now} (epoch seconds), is possession of
     * the certified key (the renewal's key proof) and the one factor that confirmed it (by its terminal-factor
     * authenticator id). The password of the full login is not claimed again: a policy that wants it sees the
     * renewal for what it is, and one that wants a fresh second factor sees the tap's time.
     */
    public static MfaEvidence ofRenewal(String confirmedByAuthenticatorId, long now) {
        java.util.Set<LoginFactor> factors = java.util.EnumSet.of(LoginFactor.REGISTERED_SSH_KEY);
        LoginFactor.ofStep(confirmedByAuthenticatorId, null).ifPresent(factors::add);
        return new MfaEvidence(factors, now);
    }

    /** The two extensions (name to value); none without any factor or time, so a policy sees "no evidence". */
    public Map<String, String> extensions() {
        Map<String, String> extensions = new TreeMap<>();
        if (factors.isEmpty() || authTime <= 0) {
            return extensions;
        }
        extensions.put(FACTORS, factors.stream().map(MfaEvidence::token).sorted().distinct()
                .collect(Collectors.joining(",")));
        extensions.put(AUTH_TIME, Long.toString(authTime));
        return extensions;
    }

    /** The factor's stable token in {@value #FACTORS}: lower case, what a policy line names. */
    public static String token(LoginFactor factor) {
        return switch (factor) {
            case REGISTERED_SSH_KEY -> "ssh-key";
            case SECURITY_KEY -> "webauthn";
            default -> factor.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    }
}
