<#-- "Set up SMS codes" of authenticator-sms: phone number, then the texted code. Imports only template.ftl: works under keycloak and keycloak.v2. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone','smsCode'); section>
    <#if section = "header">
        ${msg("authenticator-sms.setupTitle")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <#if smsSetup.step == "phone">
            <p id="sms-setup-instruction">${msg("authenticator-sms.setupPhoneInstruction")}</p>
            <form id="kc-sms-setup-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcLabelWrapperClass!}">
                        <label for="phone" class="${properties.kcLabelClass!}">${msg("authenticator-sms.phoneLabel")}</label>
                    </div>
                    <div class="${properties.kcInputWrapperClass!}">
                        <input id="phone" name="phone" type="tel" class="${properties.kcInputClass!}" autocomplete="tel"
                               placeholder="+32 470 12 34 56" autofocus dir="ltr"
                               aria-invalid="<#if messagesPerField.existsError('phone')>true</#if>"/>
                        <#if messagesPerField.existsError('phone')>
                            <span id="input-error-phone" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">
                                ${kcSanitize(messagesPerField.get('phone'))?no_esc}
                            </span>
                        </#if>
                    </div>
                </div>
                <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                    <input id="sms-setup-send" type="submit" value="${msg("authenticator-sms.sendCode")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            </form>
        <#else>
            <p id="sms-setup-instruction">${msg("authenticator-sms.instruction", smsSetup.codeLength, smsSetup.sentTo, smsSetup.ttlMinutes)}</p>
            <form id="kc-sms-setup-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcLabelWrapperClass!}">
                        <label for="smsCode" class="${properties.kcLabelClass!}">${msg("authenticator-sms.codeLabel")}</label>
                    </div>
                    <div class="${properties.kcInputWrapperClass!}">
                        <input id="smsCode" name="smsCode" type="text" class="${properties.kcInputClass!}"
                               autocomplete="one-time-code" inputmode="numeric" maxlength="${smsSetup.codeLength + 4}"
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
                    <input id="sms-setup-verify" type="submit" value="${msg("authenticator-sms.verify")}"
                           class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"/>
                </div>
            </form>
            <form id="kc-sms-setup-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="resend" value="true"/>
                <div class="${properties.kcFormButtonsClass!}">
                    <button id="sms-resend" type="submit" data-cooldown="${smsSetup.cooldownSeconds?c}"
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("authenticator-sms.resend")}
                    </button>
                </div>
                <p id="sms-cooldown" aria-live="polite"
                   data-template="${msg("authenticator-sms.resendIn", "{0}")}"<#if smsSetup.cooldownSeconds == 0> hidden</#if>>
                    ${msg("authenticator-sms.resendIn", smsSetup.cooldownSeconds?c)}
                </p>
            </form>
            <form id="kc-sms-setup-change-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="change" value="true"/>
                <div class="${properties.kcFormButtonsClass!}">
                    <button id="sms-setup-change" type="submit"
                            class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("authenticator-sms.changePhone")}
                    </button>
                </div>
            </form>
            <script src="${url.resourcesPath}/js/hpc-code-resend.js" defer></script>
        </#if>
    </#if>
</@layout.registrationLayout>
