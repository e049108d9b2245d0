package org.hpcmfa.keycloak.it.sshterminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads the QR code the device mode draws at the SSH prompt, or {@code mfa mk AUTHENTICATOR} in a terminal (Unicode
 * half blocks, light modules drawn for a dark terminal), as a phone's camera would: every character cell becomes two
 * modules of pixels, then ZXing decodes.
 */
public final class PromptQr {

    private static final int PIXELS = 4;
    private static final int BORDER = 8;

    private PromptQr() {
    }

    public static String decode(String prompt) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : prompt.split("\n")) {
            if (!line.isEmpty() && line.chars().allMatch(c -> c == '\u2588' || c == '\u2580' || c == '\u2584' || c == ' ')
                    && line.chars().anyMatch(c -> c != ' ')) {
                rows.add(line);
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("no QR code in the prompt: " + prompt);
        }
        int columns = rows.get(0).length();
        int width = columns * PIXELS + 2 * BORDER;
        int height = rows.size() * 2 * PIXELS + 2 * BORDER;
        int[] pixels = new int[width * height];
        java.util.Arrays.fill(pixels, 0xffffff);
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            for (int x = 0; x < Math.min(columns, row.length()); x++) {
                char c = row.charAt(x);
                fill(pixels, width, x, 2 * r, c == '\u2588' || c == '\u2580');
                fill(pixels, width, x, 2 * r + 1, c == '\u2588' || c == '\u2584');
            }
        }
        LuminanceSource source = new RGBLuminanceSource(width, height, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
    }

    /** One module: white where the terminal draws (light), black where it leaves the dark background. */
    private static void fill(int[] pixels, int width, int column, int moduleRow, boolean light) {
        for (int dy = 0; dy < PIXELS; dy++) {
            for (int dx = 0; dx < PIXELS; dx++) {
                pixels[(BORDER + moduleRow * PIXELS + dy) * width + BORDER + column * PIXELS + dx] = light ? 0xffffff : 0;
            }
        }
    }
}
