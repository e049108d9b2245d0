<#-- "Enrol your second factor", step 1 (required-action-registration-token). Imports only template.ftl. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('factor'); section>
    <#if section = "header">
        ${msg("required-action-registration-token.chooseTitle")}
    <#elseif section = "form">
        <p id="enrol-intro">${msg("required-action-registration-token.chooseIntro")}</p>
        <form id="kc-enrol-choose-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#list enrolFactors as factor>
                <div class="${properties.kcFormGroupClass!}">
                    <input type="radio" id="factor-${factor}" name="factor" value="${factor}"<#if factor?is_first> checked</#if>/>
                    <label for="factor-${factor}">
                        <strong>${msg("required-action-registration-token.factor." + factor)}</strong><br/>
                        ${msg("required-action-registration-token.factorHelp." + factor)}
                    </label>
                </div>
            </#list>
            <#if messagesPerField.existsError('factor')>
                <span id="input-error-factor" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                    ${kcSanitize(messagesPerField.get('factor'))?no_esc}
                </span>
            </#if>
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <input id="kc-enrol-continue" type="submit" value="${msg("doContinue")}"
                       class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
