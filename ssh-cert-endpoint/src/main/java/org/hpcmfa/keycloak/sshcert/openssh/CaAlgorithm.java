package org.hpcmfa.keycloak.sshcert.openssh;

/** The CA key types a realm can choose; Ed25519 is the default (small, fast, no parameter choices). */
public enum CaAlgorithm {
    ED25519("ssh-ed25519", "Ed25519"),
    ECDSA_P256("ecdsa-sha2-nistp256", "EC"),
    RSA_4096("ssh-rsa", "RSA");

    private final String sshType;
    private final String jcaName;

    CaAlgorithm(String sshType, String jcaName) {
        this.sshType = sshType;
        this.jcaName = jcaName;
    }

    /** The key type in {@code TrustedUserCAKeys} lines. */
    public String sshType() {
        return sshType;
    }

    String jcaName() {
        return jcaName;
    }

    /** The admin console's option value, e.g. "ed25519", "ecdsa-p256", "rsa-4096". */
    public String configValue() {
        return name().toLowerCase().replace('_', '-');
    }

    public static CaAlgorithm fromConfig(String value) {
        for (CaAlgorithm algorithm : values()) {
            if (algorithm.configValue().equalsIgnoreCase(value)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown CA algorithm '" + value + "'; use ed25519, ecdsa-p256 or rsa-4096");
    }
}
