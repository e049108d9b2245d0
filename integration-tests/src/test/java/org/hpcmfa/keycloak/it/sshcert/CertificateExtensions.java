package org.hpcmfa.keycloak.it.sshcert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The extensions of an Ed25519 user certificate line, read in Java (PROTOCOL.certkeys): a value is the string in
 * the extension's data, empty for a flag. For tests that check what Keycloak wrote without running ssh-keygen.
 */
final class CertificateExtensions {

    private CertificateExtensions() {
    }

    static Map<String, String> of(String certificateLine) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(certificateLine.trim().split("\\s+")[1]));
        String type = new String(bytes(b), StandardCharsets.US_ASCII);
        if (!type.equals("ssh-ed25519-cert-v01@openssh.com")) {
            throw new IllegalArgumentException("an Ed25519 certificate was expected, not " + type);
        }
        bytes(b); // nonce
        bytes(b); // the key
        b.getLong(); // serial
        b.getInt(); // type
        bytes(b); // key id
        bytes(b); // principals
        b.getLong();
        b.getLong();
        bytes(b); // critical options
        ByteBuffer extensions = ByteBuffer.wrap(bytes(b));
        Map<String, String> result = new TreeMap<>();
        while (extensions.hasRemaining()) {
            String name = new String(bytes(extensions), StandardCharsets.UTF_8);
            byte[] data = bytes(extensions);
            result.put(name, data.length == 0 ? "" : new String(bytes(ByteBuffer.wrap(data)), StandardCharsets.UTF_8));
        }
        return result;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.getInt()];
        b.get(out);
        return out;
    }
}
