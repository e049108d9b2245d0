package org.hpcmfa.keycloak.it.prerequisites;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Something outside Maven that some integration tests need: root, or a Debian package. {@code .ci/run} installs
 * every package and runs as root; on a developer's machine the tests that need what is missing are skipped.
 */
public enum Prerequisite {

    ROOT("root") {
        @Override
        boolean present() {
            return "root".equals(ProcessHandle.current().info().user().orElse(System.getProperty("user.name")));
        }
    },
    OPENSSH_CLIENT("openssh-client") {
        @Override
        boolean present() {
            return onPath("ssh") && onPath("ssh-keygen") && onPath("ssh-agent") && onPath("ssh-add");
        }
    },
    OPENSSH_SERVER("openssh-server") {
        @Override
        boolean present() {
            return Files.isExecutable(Path.of("/usr/sbin/sshd"));
        }
    },
    PYTHON3("python3") {
        @Override
        boolean present() {
            return onPath("python3");
        }
    },
    /** The login node's PAM module is built by the terminal-prompt tests, with login-node/Makefile. */
    PAM_BUILD("gcc make libc6-dev libpam0g-dev") {
        @Override
        boolean present() {
            return onPath("gcc") && onPath("make") && Files.isRegularFile(Path.of("/usr/include/security/pam_modules.h"));
        }
    },
    POSTGRESQL("postgresql") {
        @Override
        boolean present() {
            Path versions = Path.of("/usr/lib/postgresql");
            if (!Files.isDirectory(versions) || !onPath("psql") || !onPath("runuser")) {
                return false;
            }
            try (Stream<Path> each = Files.list(versions)) {
                return each.anyMatch(v -> Files.isExecutable(v.resolve("bin/pg_ctl")));
            } catch (IOException e) {
                return false;
            }
        }
    },
    /** PuTTY's command-line client (the Windows users' client), for the device mode's prompt. */
    PUTTY_TOOLS("putty-tools") {
        @Override
        boolean present() {
            return onPath("plink") && onPath("puttygen");
        }
    },
    UNZIP("unzip") {
        @Override
        boolean present() {
            return onPath("unzip");
        }
    },
    /** The firewall allow-list test loads the sync script's file with nft (as root, in a private namespace). */
    NFTABLES("nftables") {
        @Override
        boolean present() {
            return Files.isExecutable(Path.of("/usr/sbin/nft"));
        }
    },
    CHROMIUM("chromium chromium-driver") {
        @Override
        boolean present() {
            return Files.isExecutable(Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium")))
                    && Files.isExecutable(Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver")));
        }
    };

    /** What to install (Debian package names), or "root". */
    public final String remedy;

    Prerequisite(String remedy) {
        this.remedy = remedy;
    }

    abstract boolean present();

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /** The prerequisites of {@code needed} this machine lacks, in declaration order. */
    static List<Prerequisite> missing(List<Prerequisite> needed) {
        return Stream.of(values()).filter(needed::contains).filter(p -> !p.present()).toList();
    }
}
