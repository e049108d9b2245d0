<#-- SMS code page of authenticator-sms. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('smsCode'); section>
    <#if section = "header">
        ${msg("authenticator-sms.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if smsOtp.hasCode>
            <p id="sms-instruction">${msg("authenticator-sms.instruction", smsOtp.codeLength, smsOtp.sentTo, smsOtp.ttlMinutes)}</p>
            <form id="kc-sms-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
                  onsubmit="this.login.disabled = true; return true;">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcLabelWrapperClass!}">
                        <label for="smsCode" class="${properties.kcLabelClass!}">${msg("authenticator-sms.codeLabel")}</label>
                    </div>
                    <div class="${properties.kcInputWrapperClass!}">
                        <input id="smsCode" name="smsCode" type="text" class="${properties.kcInputClass!}"
                               autocomplete="one-time-code" inputmode="numeric" maxlength="${smsOtp.codeLength + 4}"
                               autofocus dir="ltr"
                               aria-invalid="<#if messagesPerField.existsError('smsCode')>true</#if>"/>
                        <#if messagesPerField.existsError('smsCode')>
                            <span id="input-error-sms-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                                ${kcSanitize(messagesPerField.get('smsCode'))?no_esc}
                            </span>
                        </#if>
                    </div>
                </div>
                <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                    <input id="kc-login" name="login" type="submit" value="${msg("doLogIn")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            </form>
        <#else>
            <p id="sms-instruction">${msg("authenticator-sms.requestInstruction")}</p>
        </#if>
        <form id="kc-sms-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="resend" value="true"/>
            <div class="${properties.kcFormButtonsClass!}">
                <button id="sms-resend" type="submit" data-cooldown="${smsOtp.cooldownSeconds?c}"
                        class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("authenticator-sms.resend")}
                </button>
            </div>
            <p id="sms-cooldown" aria-live="polite"
               data-template="${msg("authenticator-sms.resendIn", "{0}")}"<#if smsOtp.cooldownSeconds == 0> hidden</#if>>
                ${msg("authenticator-sms.resendIn", smsOtp.cooldownSeconds?c)}
            </p>
        </form>
        <script src="${url.resourcesPath}/js/hpc-code-resend.js" defer></script>
    </#if>
</@layout.registrationLayout>
