package org.hpcmfa.keycloak.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The scale bench's curves: well-formed SVG, one panel per figure, a point per size where its value lies. */
class ScaleCurvesTest {

    private static ScaleRow row(int users, long census, double pollingCpu) {
        return new ScaleRow(users, 1.0, census, 70, 15, 20, 1000, 50, 5000, 100, 100, 150,
                new KrlPollers.Result(1000, 60, 0, 1000, 0, null, pollingCpu, 0.1, 5.2));
    }

    @Test
    void onePanelPerFigureAndOnePointPerSizeInOrderOfUsers() throws Exception {
        String svg = new ScaleCurves(List.of(row(100_000, 400, 2.8), row(10_000, 40, 2.7))).svg();
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals(ScaleCurves.SERIES.size() * 2, document.getElementsByTagName("circle").getLength());
        assertTrue(svg.contains("census, ms") && svg.contains("% of a core"), svg);
        assertTrue(svg.contains(">10k<") && svg.contains(">100k<"), "sizes on the x axis");
        assertTrue(svg.indexOf(">40<") < svg.indexOf(">400<"), "points follow the number of users");
    }

    @Test
    void theLargestValueSitsBelowThePanelTopAndZeroOnItsAxis() {
        String svg = new ScaleCurves(List.of(row(50_000, 0, 0))).svg();
        assertTrue(svg.contains("<circle"), svg);
        assertTrue(!svg.contains("NaN") && !svg.contains("Infinity"), "a zero figure draws on the axis: " + svg);
    }
}
