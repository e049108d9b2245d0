<#-- "Your SSH certificates" (ssh-cert-endpoint, /realms/{realm}/ssh-ca/certificates): the person's unexpired
     certificates with a Revoke button each. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<#assign page = sshCertificatesPage>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("ssh-cert-endpoint.pageTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if page.problem?has_content>
            <p id="ssh-certificates-error" class="${properties.kcInputErrorMessageClass!}">${msg(page.problem)}</p>
        </#if>
        <#if page.revoked?has_content>
            <p id="ssh-certificates-revoked">${msg("ssh-cert-endpoint.pageRevoked", page.revoked)}</p>
        </#if>
        <#if page.signedIn>
            <p id="ssh-certificates-intro">${msg("ssh-cert-endpoint.pageIntro", page.username)}</p>
            <#if page.certificates?has_content>
                <ul id="ssh-certificates" class="hpc-factor-list">
                    <#list page.certificates as row>
                        <li class="ssh-certificate" data-serial="${row.serial}">
                            <strong>${msg("ssh-cert-endpoint.pageSerial")} ${row.serial}</strong>
                            <#if row.revoked>(${msg("ssh-cert-endpoint.pageRevokedMark")})</#if><br>
                            ${msg("ssh-cert-endpoint.pageKey")}: <code class="ssh-certificate-key">${row.keyFingerprint}</code><br>
                            ${msg("ssh-cert-endpoint.pagePrincipals")}: <span class="ssh-certificate-principals">${row.principals}</span><br>
                            ${msg("ssh-cert-endpoint.pageClient")}: <span class="ssh-certificate-client">${row.client}</span><br>
                            ${msg("ssh-cert-endpoint.pageAddress")}: <span class="ssh-certificate-address">${row.address}</span><br>
                            ${msg("ssh-cert-endpoint.pageExpires")}: <span class="ssh-certificate-expires">${row.expires}</span>
                            <#if !row.revoked>
                                <form class="ssh-certificate-revoke" action="${page.revokeUrl}" method="post">
                                    <input type="hidden" name="serial" value="${row.serial}">
                                    <input type="hidden" name="token" value="${page.token}">
                                    <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!}">${msg("ssh-cert-endpoint.pageRevoke")}</button>
                                </form>
                            </#if>
                        </li>
                    </#list>
                </ul>
            <#else>
                <p id="ssh-certificates-none">${msg("ssh-cert-endpoint.pageNone")}</p>
            </#if>
        <#else>
            <p id="ssh-certificates-signed-out">${msg("ssh-cert-endpoint.pageSignedOut")}</p>
        </#if>
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <a id="ssh-certificates-portal" href="${page.portalUrl}"
               class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("account-recovery.disableMfaOpenPortal")}</a>
        </div>
    </#if>
</@layout.registrationLayout>
