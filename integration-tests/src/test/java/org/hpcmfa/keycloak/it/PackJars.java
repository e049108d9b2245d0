package org.hpcmfa.keycloak.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** The jars of the pack as the reactor built them; the test build passes their coordinates in. */
public final class PackJars {

    public static final String GROUP_ID = System.getProperty("pack.groupId", "org.hpcmfa.keycloak");

    /** Every jar an admin copies into {@code providers/}. */
    public static final List<String> ARTIFACT_IDS = List.of(
            "mfa-common",
            "themes",
            "authenticator-email-otp",
            "authenticator-sms",
            "authenticator-password-otp",
            "authenticator-push",
            "authenticator-recovery-codes",
            "required-action-registration-token",
            "account-recovery",
            "account-api",
            "ssh-cert-endpoint",
            "ssh-terminal-prompt",
            "login-address-allowlist");

    private PackJars() {
    }

    public static Path rootDir() {
        return Paths.get(System.getProperty("pack.rootDir", "..")).toAbsolutePath().normalize();
    }

    /** The jar a module's {@code package} phase wrote. */
    public static Path builtJar(String artifactId) {
        Path jar = rootDir().resolve(artifactId).resolve("target")
                .resolve(artifactId + "-" + System.getProperty("pack.version") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Not built yet: " + jar + " (run the build from the repository root)");
        }
        return jar;
    }

    /** Where the test framework unpacks the distribution (RawKeycloakDistribution). */
    public static Path serverProvidersDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "kc-tests",
                "keycloak-" + org.keycloak.common.Version.VERSION, "providers");
    }
}
