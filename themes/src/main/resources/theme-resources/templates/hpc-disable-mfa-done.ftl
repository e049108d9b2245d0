<#-- "Disable two-factor login", the end of the emailed link (account-recovery): what was removed,
     or that nothing changed. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if disableMfa.state = "DONE">
            ${msg("account-recovery.disableMfaDoneTitle")}
        <#else>
            ${msg("account-recovery.disableMfaKeptTitle")}
        </#if>
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if disableMfa.state = "DONE">
            <p id="disable-mfa-done">${msg("account-recovery.disableMfaDone", disableMfa.username)}</p>
            <p>${msg("account-recovery.disableMfaRemovedList")}</p>
            <ul id="disable-mfa-removed" class="hpc-factor-list">
                <#list disableMfa.removed as factor>
                    <li class="disable-mfa-factor" data-type="${factor.type}">${msg("mfa-common.factorType." + factor.type)}<#if factor.label??>: ${factor.label}</#if></li>
                </#list>
            </ul>
            <#if disableMfa.kept?has_content>
                <p>${msg("account-recovery.disableMfaKeptNew")}</p>
                <ul id="disable-mfa-kept" class="hpc-factor-list">
                    <#list disableMfa.kept as factor>
                        <li class="disable-mfa-factor" data-type="${factor.type}">${msg("mfa-common.factorType." + factor.type)}<#if factor.label??>: ${factor.label}</#if></li>
                    </#list>
                </ul>
            </#if>
            <#if disableMfa.emailCodeStays>
                <p id="disable-mfa-email-code-stays">${msg("account-recovery.disableMfaEmailCodeStays")}</p>
            </#if>
        <#else>
            <p id="disable-mfa-kept-text">${msg("account-recovery.disableMfaKept")}</p>
        </#if>
        <p><a id="disable-mfa-portal-link" href="${disableMfa.portalUrl}">${msg("account-recovery.disableMfaOpenPortal")}</a></p>
    </#if>
</@layout.registrationLayout>
