package org.hpcmfa.keycloak.it.journeys;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.hpcmfa.keycloak.it.push.Base32;

/**
 * "Any RFC 6238 app" (CISM, Mila, Toronto): written from RFC 6238 and the otpauth key-URI format, independently of
 * Keycloak's TOTP code. It enrols from the QR code image the page shows, or from the key a person types in.
 */
public final class AuthenticatorApp {

    private final byte[] key;
    private final String algorithm;
    private final int digits;
    /** Seconds a code needs from here to Keycloak's check: typing, submitting, a slow CI machine. */
    public static final int SUBMIT_MARGIN_SECONDS = 8;

    private final int period;
    private final String label;
    /** Periods whose code was handed out: Keycloak takes each code once, so a person waits for the next one. */
    private final java.util.Set<Long> spent = new java.util.HashSet<>();

    private AuthenticatorApp(byte[] key, String algorithm, int digits, int period, String label) {
        this.key = key;
        this.algorithm = algorithm;
        this.digits = digits;
        this.period = period;
        this.label = label;
    }

    /** Scans the QR code of an {@code <img src="data:image/png;base64,...">}. */
    public static AuthenticatorApp scanQrCode(String imageDataUri) throws Exception {
        byte[] png = Base64.getDecoder().decode(imageDataUri.substring(imageDataUri.indexOf(',') + 1).trim());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        // As a phone's camera app does, look hard: the plain detector misses some generated codes now and then (a
        // NotFoundException on one random key in CI), the same image read as a pure, unrotated code never does.
        try {
            return fromUri(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                    .getText());
        } catch (ReaderException notPure) {
            return fromUri(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText());
        }
    }

    /** {@code otpauth://totp/Issuer:account?secret=...&digits=6&period=30&algorithm=SHA1}. */
    public static AuthenticatorApp fromUri(String otpauth) {
        URI uri = URI.create(otpauth);
        if (!"otpauth".equals(uri.getScheme()) || !"totp".equals(uri.getHost())) {
            throw new IllegalArgumentException("not a TOTP key URI: " + otpauth);
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String algorithm = query.getOrDefault("algorithm", "SHA1").toUpperCase();
        return new AuthenticatorApp(Base32.decode(query.get("secret").toUpperCase()), "Hmac" + algorithm,
                Integer.parseInt(query.getOrDefault("digits", "6")), Integer.parseInt(query.getOrDefault("period", "30")),
                uri.getPath().substring(1));
    }

    /** The key as a person types it from the "Unable to scan?" page: base32, in groups. */
    public static AuthenticatorApp fromTypedKey(String base32) {
        return new AuthenticatorApp(Base32.decode(base32.replaceAll("\\s", "").toUpperCase()), "HmacSHA1", 6, 30, "");
    }

    /** The account label of the QR code (issuer:account). */
    public String label() {
        return label;
    }

    /**
     * A code Keycloak has not seen yet: the current period's, else a neighbour within Keycloak's default look-around
     * window of one period, else (all three spent) the next period's once it begins, as a person would wait. The
     * previous period's code only while at least {@link #SUBMIT_MARGIN_SECONDS} of this period remain: the period
     * may end while the page is typed and submitted, and that code is then two periods old and refused.
     */
    public String freshCode() throws InterruptedException {
        while (true) {
            long epochSecond = Instant.now().getEpochSecond();
            long now = epochSecond / period;
            boolean previousStillSafe = period - epochSecond % period >= SUBMIT_MARGIN_SECONDS;
            for (long p : previousStillSafe ? new long[] {now, now + 1, now - 1} : new long[] {now, now + 1}) {
                if (spent.add(p)) {
                    return codeAt(Instant.ofEpochSecond(p * period));
                }
            }
            Thread.sleep(1000);
        }
    }

    /** The code of a phone whose clock reads {@code at}. */
    public String codeAt(Instant at) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / period).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String code = String.valueOf(binary % (int) Math.pow(10, digits));
            return "0".repeat(digits - code.length()) + code;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
