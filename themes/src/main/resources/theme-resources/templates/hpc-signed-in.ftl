<#-- "You are signed in" (required-action-registration-token, /realms/{realm}/hpc-signed-in): where applications
     without a page of their own land after the login. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<#assign page = signedInPage>
<@layout.registrationLayout; section>
    <#if section = "header">
        <#if page.signedIn>
            ${msg("required-action-registration-token.signedInTitle")}
        <#else>
            ${msg("required-action-registration-token.signedOutTitle")}
        </#if>
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if page.signedIn>
            <p id="signed-in-user">${msg("required-action-registration-token.signedInAs", page.name, page.username)}</p>
            <#if page.factors?has_content || page.emailCodesTo?has_content>
                <p id="signed-in-factors-intro">${msg("required-action-registration-token.signedInFactors")}</p>
                <ul id="signed-in-factors" class="hpc-factor-list">
                    <#list page.factors as factor>
                        <li class="signed-in-factor" data-type="${factor.type}">${msg("mfa-common.factorType." + factor.type)}<#if factor.label??>: ${factor.label}</#if></li>
                    </#list>
                    <#if page.emailCodesTo?has_content>
                        <li class="signed-in-factor" data-type="hpc-email-otp">${msg("required-action-registration-token.signedInEmailCodes", page.emailCodesTo)}</li>
                    </#if>
                </ul>
            </#if>
            <#if !page.factors?has_content>
                <p id="signed-in-no-factor">${msg("required-action-registration-token.signedInNoFactor")}</p>
            </#if>
        <#else>
            <p id="signed-out">${msg("required-action-registration-token.signedOut")}</p>
        </#if>
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <a id="signed-in-portal" href="${page.portalUrl}"
               class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("account-recovery.disableMfaOpenPortal")}</a>
            <#if page.signedIn>
                <a id="signed-in-sign-out" href="${page.signOutUrl}"
                   class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("doLogout")}</a>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
