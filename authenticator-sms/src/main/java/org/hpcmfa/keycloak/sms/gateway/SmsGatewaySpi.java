package org.hpcmfa.keycloak.sms.gateway;

import org.hpcmfa.keycloak.common.PackSpi;

/** The SMS gateways: a small SPI, so a site adds its provider's API without touching the authenticator. */
public class SmsGatewaySpi extends PackSpi {

    public static final String NAME = "hpc-sms-gateway";

    public SmsGatewaySpi() {
        super(NAME, SmsGateway.class, SmsGatewayProviderFactory.class);
    }
}
