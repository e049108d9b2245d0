package org.hpcmfa.keycloak.it.allowlist;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hpcmfa.keycloak.it.PackJars;

/** Runs login-node/hpc-allowlist-sync as the systemd service does, and reads what nft loaded. */
final class AllowlistSync {

    static final Path SCRIPT = PackJars.rootDir().resolve("login-node/hpc-allowlist-sync");
    /** A table of the test's own, so a root run outside a private namespace leaves the host's ruleset alone. */
    static final String TABLE = "hpc_mfa_it";
    private static final Pattern ELEMENTS = Pattern.compile("add element inet " + TABLE + " (\\w+) \\{ ([^}]*) }");

    record Result(int exitCode, String output) {
    }

    private final Path dir;
    final Path output;

    AllowlistSync(Path dir, String realmUrl, String clientId, String secret) throws Exception {
        this.dir = dir;
        this.output = dir.resolve("allowlist.nft");
        Path secretFile = dir.resolve("firewall-secret");
        Files.writeString(secretFile, secret + "\n");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("allowlist-sync.conf"), String.join("\n",
                "url = " + realmUrl, "client_id = " + clientId, "client_secret_file = " + secretFile,
                "output = " + output, "table = inet " + TABLE, "set_v4 = allowed_v4", "set_v6 = allowed_v6", ""));
    }

    Result run() throws Exception {
        Process process = new ProcessBuilder("python3", SCRIPT.toString(), "--config",
                dir.resolve("allowlist-sync.conf").toString()).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hpc-allowlist-sync did not finish");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The addresses the generated file adds, both sets together. */
    TreeSet<String> fileAddresses() throws Exception {
        TreeSet<String> addresses = new TreeSet<>();
        Matcher matcher = ELEMENTS.matcher(Files.readString(output));
        while (matcher.find()) {
            for (String address : matcher.group(2).split(",")) {
                addresses.add(address.trim());
            }
        }
        return addresses;
    }

    /** {@code nft list set inet hpc_mfa_it <set>}, as an operator checks it. */
    static String nftSet(String set) throws Exception {
        return nft("list", "set", "inet", TABLE, set);
    }

    static void dropTable() throws Exception {
        nft("delete", "table", "inet", TABLE);
    }

    static String nft(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/sbin/nft"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.waitFor(30, TimeUnit.SECONDS);
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
