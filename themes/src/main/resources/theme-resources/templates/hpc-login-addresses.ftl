<#-- "Your login addresses" (login-address-allowlist, /realms/{realm}/login-addresses): the addresses a person's
     two-factor logins allowed at the login nodes' firewall, with a Remove button each. Imports only template.ftl:
     works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<#assign page = loginAddressesPage>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("login-address-allowlist.pageTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if page.problem?has_content>
            <p id="login-addresses-error" class="${properties.kcInputErrorMessageClass!}">${msg(page.problem)}</p>
        </#if>
        <#if page.removed?has_content>
            <p id="login-addresses-removed">${msg("login-address-allowlist.pageRemoved", page.removed)}</p>
        </#if>
        <#if !page.enabled>
            <p id="login-addresses-disabled">${msg("login-address-allowlist.pageDisabled")}</p>
        </#if>
        <#if page.signedIn>
            <p id="login-addresses-intro">${msg("login-address-allowlist.pageIntro", page.username, page.days)}</p>
            <#if page.currentAddress?has_content>
                <p id="login-addresses-current">${msg("login-address-allowlist.pageCurrent", page.currentAddress)}</p>
            </#if>
            <#if page.addresses?has_content>
                <ul id="login-addresses" class="hpc-factor-list">
                    <#list page.addresses as row>
                        <li class="login-address" data-address="${row.address}">
                            <strong>${row.address}</strong>:
                            ${msg("login-address-allowlist.pageRow", row.lastSeen, row.allowedUntil)}
                            <#if row.source == "ssh-terminal">(${msg("login-address-allowlist.pageSourceTerminal")})<#else>(${msg("login-address-allowlist.pageSourceBrowser")})</#if>
                            <form class="login-address-remove" action="${page.removeUrl}" method="post">
                                <input type="hidden" name="address" value="${row.address}">
                                <input type="hidden" name="token" value="${page.token}">
                                <button type="submit" class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!}">${msg("login-address-allowlist.pageRemove")}</button>
                            </form>
                        </li>
                    </#list>
                </ul>
            <#else>
                <p id="login-addresses-none">${msg("login-address-allowlist.pageNone")}</p>
            </#if>
        <#else>
            <p id="login-addresses-signed-out">${msg("login-address-allowlist.pageSignedOut")}</p>
        </#if>
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <a id="login-addresses-portal" href="${page.portalUrl}"
               class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("account-recovery.disableMfaOpenPortal")}</a>
        </div>
    </#if>
</@layout.registrationLayout>
