<#-- "Disable two-factor login", reached through the emailed link (account-recovery). Opening the
     link only shows this page; the factors are removed when the button is pressed. Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("account-recovery.disableMfaConfirmTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <p id="disable-mfa-intro">${msg("account-recovery.disableMfaConfirmIntro", disableMfa.username)}</p>
        <ul id="disable-mfa-factors" class="hpc-factor-list">
            <#list disableMfa.factors as factor>
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
        <p id="disable-mfa-after">${msg("account-recovery.disableMfaAfter")}</p>
        <#if disableMfa.emailCodeStays>
            <p id="disable-mfa-email-code-stays">${msg("account-recovery.disableMfaEmailCodeStays")}</p>
        </#if>
        <form id="kc-disable-mfa-confirm-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <button id="kc-disable-mfa-confirm" type="submit" name="confirm" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("account-recovery.disableMfaConfirm")}
                </button>
                <button id="kc-disable-mfa-keep" type="submit" name="keep" value="true"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">
                    ${msg("account-recovery.disableMfaKeep")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
