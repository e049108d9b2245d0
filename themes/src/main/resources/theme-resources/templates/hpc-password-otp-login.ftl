<#-- One-page login of authenticator-password-otp: username, password and "OTP (optional)" (UCLouvain CISM).
     Imports only template.ftl, so it works under keycloak and keycloak.v2 and themes derived from them; the markup
     follows each theme's own login.ftl: PatternFly 5 groups when the theme defines kcFormGroupLabelClass
     (keycloak.v2), the PatternFly 4 form of the base login page otherwise (keycloak).
     Stable ids: kc-form-login, username, password, otp, rememberMe, kc-login, input-error (username/password/lockout
     error), input-error-otp (missing code, clock skew), otp-help. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password','otp') displayInfo=realm.password && realm.registrationAllowed && !registrationDisabled??; section>
    <#assign v2 = (properties.kcFormGroupLabelClass!"")?has_content>
    <#assign credentialsError = messagesPerField.getFirstError('username','password')>
    <#assign otpError = messagesPerField.get('otp')>
    <#assign usernameLabel><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></#assign>
    <#if section = "header">
        <#-- Where the person is going: the client's name (as the hpc-mfa theme's own login pages say it). -->
        <#if client?? && client.name?has_content && !["account", "account-console"]?seq_contains(client.clientId)>
            ${msg("themes.loginTo", advancedMsg(client.name))}
        <#else>
            ${msg("loginAccountTitle")}
        </#if>
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/hpc-pages.css">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <form id="kc-form-login" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate="novalidate">
            <#if v2>
                <#if !usernameHidden??>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormGroupLabelClass!}">
                            <label for="username" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${usernameLabel}</span></label>
                        </div>
                        <span class="${properties.kcInputClass!} <#if credentialsError?has_content>${properties.kcError!}</#if>">
                            <input id="username" name="username" value="${(login.username!'')}" type="text" autofocus autocomplete="username" dir="ltr"
                                   aria-invalid="<#if credentialsError?has_content>true</#if>"/>
                            <@errorIcon error=credentialsError/>
                        </span>
                        <@helperError id="input-error" error=credentialsError/>
                    </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="password" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("password")}</span></label>
                    </div>
                    <div class="${properties.kcInputGroup!}">
                        <div class="${properties.kcInputGroupItemClass!} ${properties.kcFill!}">
                            <span class="${properties.kcInputClass!} <#if usernameHidden?? && credentialsError?has_content>${properties.kcError!}</#if>">
                                <input id="password" name="password" type="password" autocomplete="current-password" <#if usernameHidden??>autofocus</#if>
                                       aria-invalid="<#if credentialsError?has_content>true</#if>"/>
                            </span>
                        </div>
                        <div class="${properties.kcInputGroupItemClass!}">
                            <button class="${properties.kcFormPasswordVisibilityButtonClass!}" type="button" aria-label="${msg('showPassword')}"
                                    aria-controls="password" data-password-toggle id="password-show-password"
                                    data-icon-show="${properties.kcFormPasswordVisibilityIconShow!}" data-icon-hide="${properties.kcFormPasswordVisibilityIconHide!}"
                                    data-label-show="${msg('showPassword')}" data-label-hide="${msg('hidePassword')}">
                                <i class="${properties.kcFormPasswordVisibilityIconShow!}" aria-hidden="true"></i>
                            </button>
                        </div>
                    </div>
                    <#if usernameHidden??><@helperError id="input-error" error=credentialsError/></#if>
                    <#if realm.resetPasswordAllowed>
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!}">
                                    <span class="${properties.kcInputHelperTextItemTextClass!}"><a id="kc-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></span>
                                </div>
                            </div>
                        </div>
                    </#if>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="otp" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("authenticator-password-otp.otpLabel")}</span></label>
                    </div>
                    <span class="${properties.kcInputClass!} <#if otpError?has_content>${properties.kcError!}</#if>">
                        <input id="otp" name="otp" type="text" autocomplete="one-time-code" maxlength="16" dir="ltr"
                               aria-describedby="otp-help" aria-invalid="<#if otpError?has_content>true</#if>"/>
                        <@errorIcon error=otpError/>
                    </span>
                    <div class="${properties.kcFormHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextClass!}">
                            <div class="${properties.kcInputHelperTextItemClass!}">
                                <span id="otp-help" class="${properties.kcInputHelperTextItemTextClass!}">${msg("authenticator-password-otp.otpHelp")}</span>
                            </div>
                        </div>
                    </div>
                    <@helperError id="input-error-otp" error=otpError/>
                </div>
                <#if realm.rememberMe && !usernameHidden??>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcCheckboxClass!}">
                            <label for="rememberMe" class="${properties.kcCheckboxClass!}">
                                <input class="${properties.kcCheckboxInputClass!}" type="checkbox" id="rememberMe" name="rememberMe" <#if login.rememberMe??>checked</#if>/>
                                <span class="${properties.kcCheckboxLabelClass!}">${msg("rememberMe")}</span>
                            </label>
                        </div>
                    </div>
                </#if>
                <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="login" id="kc-login" type="submit">${msg("doLogIn")}</button>
                    </div>
                </div>
            <#else>
                <#if !usernameHidden??>
                    <div class="${properties.kcFormGroupClass!}">
                        <label for="username" class="${properties.kcLabelClass!}">${usernameLabel}</label>
                        <input tabindex="2" id="username" class="${properties.kcInputClass!}" name="username" value="${(login.username!'')}" type="text"
                               autofocus autocomplete="username" dir="ltr"
                               aria-invalid="<#if credentialsError?has_content>true</#if>"/>
                        <#if credentialsError?has_content>
                            <span id="input-error" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(credentialsError)?no_esc}</span>
                        </#if>
                    </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="password" class="${properties.kcLabelClass!}">${msg("password")}</label>
                    <div class="${properties.kcInputGroup!}" dir="ltr">
                        <input tabindex="3" id="password" class="${properties.kcInputClass!}" name="password" type="password" autocomplete="current-password"
                               <#if usernameHidden??>autofocus</#if> aria-invalid="<#if credentialsError?has_content>true</#if>"/>
                        <button class="${properties.kcFormPasswordVisibilityButtonClass!}" type="button" aria-label="${msg("showPassword")}"
                                aria-controls="password" data-password-toggle tabindex="4" id="password-show-password"
                                data-icon-show="${properties.kcFormPasswordVisibilityIconShow!}" data-icon-hide="${properties.kcFormPasswordVisibilityIconHide!}"
                                data-label-show="${msg('showPassword')}" data-label-hide="${msg('hidePassword')}">
                            <i class="${properties.kcFormPasswordVisibilityIconShow!}" aria-hidden="true"></i>
                        </button>
                    </div>
                    <#if usernameHidden?? && credentialsError?has_content>
                        <span id="input-error" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(credentialsError)?no_esc}</span>
                    </#if>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="otp" class="${properties.kcLabelClass!}">${msg("authenticator-password-otp.otpLabel")}</label>
                    <input tabindex="5" id="otp" class="${properties.kcInputClass!}" name="otp" type="text" autocomplete="one-time-code"
                           inputmode="numeric" maxlength="12" dir="ltr" aria-describedby="otp-help"
                           aria-invalid="<#if otpError?has_content>true</#if>"/>
                    <span id="otp-help" class="${properties.kcInputHelperTextAfterClass!}">${msg("authenticator-password-otp.otpHelp")}</span>
                    <#if otpError?has_content>
                        <span id="input-error-otp" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(otpError)?no_esc}</span>
                    </#if>
                </div>
                <div class="${properties.kcFormGroupClass!} ${properties.kcFormSettingClass!}">
                    <div id="kc-form-options">
                        <#if realm.rememberMe && !usernameHidden??>
                            <div class="checkbox">
                                <label>
                                    <input tabindex="6" id="rememberMe" name="rememberMe" type="checkbox" <#if login.rememberMe??>checked</#if>> ${msg("rememberMe")}
                                </label>
                            </div>
                        </#if>
                    </div>
                    <div class="${properties.kcFormOptionsWrapperClass!}">
                        <#if realm.resetPasswordAllowed>
                            <span><a tabindex="7" id="kc-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></span>
                        </#if>
                    </div>
                </div>
                <div id="kc-form-buttons" class="${properties.kcFormGroupClass!}">
                    <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                    <input tabindex="8" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" name="login" id="kc-login" type="submit" value="${msg("doLogIn")}"/>
                </div>
            </#if>
            </form>
          </div>
        </div>
        <#if !v2>
            <#-- keycloak.v2's template.ftl loads it itself; the base login page loads it here. -->
            <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
        </#if>
    <#elseif section = "info">
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <div id="kc-registration-container">
                <div id="kc-registration">
                    <span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span>
                </div>
            </div>
        </#if>
    </#if>
</@layout.registrationLayout>

<#-- PatternFly 5 error icon and helper text, as keycloak.v2's field.ftl draws them. -->
<#macro errorIcon error="">
    <#if error?has_content>
        <span class="${properties.kcFormControlUtilClass!}">
            <span class="${properties.kcInputErrorIconStatusClass!}"><i class="${properties.kcInputErrorIconClass!}" aria-hidden="true"></i></span>
        </span>
    </#if>
</#macro>

<#macro helperError id error="">
    <#if error?has_content>
        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
            <div class="${properties.kcInputHelperTextClass!}">
                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="${id}">
                    <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(error)?no_esc}</span>
                </div>
            </div>
        </div>
    </#if>
</#macro>
