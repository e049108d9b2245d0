<#-- "Disable two-factor login", reached through the emailed link (required-action-registration-token). Opening the
     link only shows this page; the factors are removed when the button is pressed. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("required-action-registration-token.disableMfaConfirmTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="disable-mfa-intro">${msg("required-action-registration-token.disableMfaConfirmIntro", disableMfa.username)}</p>
        <ul id="disable-mfa-factors" class="hpc-factor-list">
            <#list disableMfa.factors as factor>
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
        <p id="disable-mfa-after">${msg("required-action-registration-token.disableMfaAfter")}</p>
        <#if disableMfa.emailCodeStays>
            <p id="disable-mfa-email-code-stays">${msg("required-action-registration-token.disableMfaEmailCodeStays")}</p>
        </#if>
        <form id="kc-disable-mfa-confirm-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <button id="kc-disable-mfa-confirm" type="submit" name="confirm" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("required-action-registration-token.disableMfaConfirm")}
                </button>
                <button id="kc-disable-mfa-keep" type="submit" name="keep" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("required-action-registration-token.disableMfaKeep")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
