<#-- "Disable two-factor login", the end of the emailed link (required-action-registration-token): what was removed,
     or that nothing changed. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if disableMfa.state = "DONE">
            ${msg("required-action-registration-token.disableMfaDoneTitle")}
        <#else>
            ${msg("required-action-registration-token.disableMfaKeptTitle")}
        </#if>
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if disableMfa.state = "DONE">
            <p id="disable-mfa-done">${msg("required-action-registration-token.disableMfaDone", disableMfa.username)}</p>
            <p>${msg("required-action-registration-token.disableMfaRemovedList")}</p>
            <ul id="disable-mfa-removed" class="hpc-factor-list">
                <#list disableMfa.removed as factor>
                    <li class="disable-mfa-factor" data-type="${factor.type}">${msg("required-action-registration-token.disableMfaType." + factor.type)}<#if factor.label??>: ${factor.label}</#if></li>
                </#list>
            </ul>
            <#if disableMfa.kept?has_content>
                <p>${msg("required-action-registration-token.disableMfaKeptNew")}</p>
                <ul id="disable-mfa-kept" class="hpc-factor-list">
                    <#list disableMfa.kept as factor>
                        <li class="disable-mfa-factor" data-type="${factor.type}">${msg("required-action-registration-token.disableMfaType." + factor.type)}<#if factor.label??>: ${factor.label}</#if></li>
                    </#list>
                </ul>
            </#if>
            <#if disableMfa.emailCodeStays>
                <p id="disable-mfa-email-code-stays">${msg("required-action-registration-token.disableMfaEmailCodeStays")}</p>
            </#if>
        <#else>
            <p id="disable-mfa-kept-text">${msg("required-action-registration-token.disableMfaKept")}</p>
        </#if>
        <p><a id="disable-mfa-portal-link" href="${disableMfa.portalUrl}">${msg("required-action-registration-token.disableMfaOpenPortal")}</a></p>
    </#if>
</@layout.registrationLayout>
