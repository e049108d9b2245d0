package org.hpcmfa.keycloak.sshcert.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One issued certificate. The database enforces unique serials per realm, so two cluster nodes signing at
 * the same moment can never hand out the same serial; revocations are recorded here and feed the KRL.
 */
@Entity
@Table(name = "HPC_SSH_CERTIFICATE", uniqueConstraints = @UniqueConstraint(columnNames = {"REALM_ID", "SERIAL"}))
@NamedQueries({
        @NamedQuery(name = "hpcSshCertRevokedUnexpired", query = "select c from SshCertificateEntity c "
                + "where c.realmId = :realmId and c.revokedAt is not null and c.validBefore > :now order by c.serial"),
        @NamedQuery(name = "hpcSshCertKrlLastExpiry", query = "select max(c.validBefore) from SshCertificateEntity c "
                + "where c.realmId = :realmId and c.revokedAt is not null and c.validBefore <= :now"),
        @NamedQuery(name = "hpcSshCertBySerial", query = "select c from SshCertificateEntity c "
                + "where c.realmId = :realmId and c.serial = :serial"),
        @NamedQuery(name = "hpcSshCertByKeyId", query = "select c from SshCertificateEntity c "
                + "where c.realmId = :realmId and c.keyId = :keyId"),
        @NamedQuery(name = "hpcSshCertByUser", query = "select c from SshCertificateEntity c "
                + "where c.realmId = :realmId and c.userId = :userId and c.validBefore > :now order by c.issuedAt desc"),
        @NamedQuery(name = "hpcSshCertDeleteRealm", query = "delete from SshCertificateEntity c where c.realmId = :realmId"),
        @NamedQuery(name = "hpcSshCertRealmsWithExpiredRevocations", query = "select distinct c.realmId "
                + "from SshCertificateEntity c where c.validBefore < :before and c.revokedAt is not null"),
        @NamedQuery(name = "hpcSshCertDeleteExpired", query = "delete from SshCertificateEntity c "
                + "where c.validBefore < :before")
})
public class SshCertificateEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SERIAL", nullable = false)
    private long serial;

    @Column(name = "KEY_ID", length = 255, nullable = false)
    private String keyId;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "PRINCIPALS", length = 2048, nullable = false)
    private String principals;

    @Column(name = "KEY_FINGERPRINT", length = 128, nullable = false)
    private String keyFingerprint;

    @Column(name = "CA_FINGERPRINT", length = 128, nullable = false)
    private String caFingerprint;

    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    @Column(name = "VALID_AFTER", nullable = false)
    private long validAfter;

    @Column(name = "VALID_BEFORE", nullable = false)
    private long validBefore;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    @Column(name = "REVOKED_BY", length = 255)
    private String revokedBy;

    @Column(name = "REQUEST_ADDRESS", length = 64)
    private String requestAddress;

    public String getRequestAddress() {
        return requestAddress;
    }

    public void setRequestAddress(String requestAddress) {
        this.requestAddress = requestAddress == null || requestAddress.length() <= 64 ? requestAddress
                : requestAddress.substring(0, 64);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getSerial() {
        return serial;
    }

    public void setSerial(long serial) {
        this.serial = serial;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getPrincipals() {
        return principals;
    }

    public void setPrincipals(String principals) {
        this.principals = principals;
    }

    public String getKeyFingerprint() {
        return keyFingerprint;
    }

    public void setKeyFingerprint(String keyFingerprint) {
        this.keyFingerprint = keyFingerprint;
    }

    public String getCaFingerprint() {
        return caFingerprint;
    }

    public void setCaFingerprint(String caFingerprint) {
        this.caFingerprint = caFingerprint;
    }

    public long getIssuedAt() {
        return issuedAt;
    }

    public void setIssuedAt(long issuedAt) {
        this.issuedAt = issuedAt;
    }

    public long getValidAfter() {
        return validAfter;
    }

    public void setValidAfter(long validAfter) {
        this.validAfter = validAfter;
    }

    public long getValidBefore() {
        return validBefore;
    }

    public void setValidBefore(long validBefore) {
        this.validBefore = validBefore;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public void setRevokedBy(String revokedBy) {
        this.revokedBy = revokedBy;
    }
}
