package org.hpcmfa.keycloak.it.revocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hpcmfa.keycloak.it.sshcert.Sshd;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;

/** The realm's KRL as servers get it, read with OpenSSH's own {@code ssh-keygen -Q}. */
public final class Krls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Krls() {
    }

    /** {@code GET ssh-ca/krl} with extra request headers (validators). */
    public static HttpResponse<byte[]> get(String realmUrl, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/ssh-ca/krl")).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Whether OpenSSH finds the certificate revoked in the realm's current KRL. */
    public static boolean revoked(String realmUrl, UserCertificates.Issued issued, Path dir) throws Exception {
        HttpResponse<byte[]> krl = get(realmUrl, Map.of());
        if (krl.statusCode() != 200) {
            throw new AssertionError("KRL: HTTP " + krl.statusCode());
        }
        Path file = Files.createTempFile(dir, "krl-", ".bin");
        Files.write(file, krl.body());
        return revoked(file, issued.certificate());
    }

    /** {@code ssh-keygen -Q -f krl cert}: "REVOKED" and exit 1 for a listed certificate, "ok" and 0 otherwise. */
    public static boolean revoked(Path krl, Path certificate) throws Exception {
        Sshd.Result q = Sshd.run(List.of("ssh-keygen", "-Q", "-f", krl.toString(), certificate.toString()), Map.of());
        if (q.output().contains("REVOKED") && q.exitCode() == 1) {
            return true;
        }
        if (q.output().contains(": ok") && q.exitCode() == 0) {
            return false;
        }
        throw new AssertionError("ssh-keygen -Q could not check " + certificate + ": " + q.output());
    }

    /** The automatic revocation events of the user: REMOVE_CREDENTIAL of an ssh-certificate, with this reason. */
    public static List<EventRepresentation> revocationEvents(RealmResource realm, String userId, String reason) {
        return realm.getEvents(List.of("REMOVE_CREDENTIAL"), null, userId, null, null, null, 0, 100).stream()
                .filter(e -> e.getDetails() != null && "ssh-certificate".equals(e.getDetails().get("credential_type"))
                        && reason.equals(e.getDetails().get("reason")))
                .toList();
    }
}
