package io.ringmq.bench.gate;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgPlotsTest
{
    @Test
    void aPercentilePlotIsXmlWithBothSeriesAndTheLogarithmicLabels() throws Exception
    {
        final String svg = SvgPlots.percentileDistribution("tcp-64", List.of(
            new SvgPlots.Series("baseline", histogram(1, 20_000)),
            new SvgPlots.Series("candidate", histogram(2, 22_000))));
        final Document document = parse(svg);
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals(Set.of("baseline", "candidate"), seriesNames(document));
        for (final String label : new String[] {"90%", "99%", "99.9%", "99.99%"})
        {
            assertTrue(svg.contains(">" + label + "<"), label);
        }
    }

    @Test
    void aThroughputChartIsXmlWithBothSeries() throws Exception
    {
        final double[][][] runs = {{{1e6, 1.1e6}, {2e6, 2.1e6}}, {{0.9e6, 1e6}, {2e6, 2.2e6}}};
        final Document document = parse(SvgPlots.throughput("thr", List.of("tcp-64", "ipc-64"),
            List.of("baseline", "candidate"), runs));
        assertEquals(Set.of("baseline", "candidate"), seriesNames(document));
    }

    @Test
    void percentileLabelsAreOneDecadeApart()
    {
        assertEquals("0%", SvgPlots.percentileLabel(0));
        assertEquals("90%", SvgPlots.percentileLabel(1));
        assertEquals("99%", SvgPlots.percentileLabel(2));
        assertEquals("99.999%", SvgPlots.percentileLabel(5));
    }

    private static Document parse(final String svg) throws Exception
    {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Set<String> seriesNames(final Document document)
    {
        final Set<String> names = new HashSet<>();
        for (final String tag : new String[] {"polyline", "rect"})
        {
            final NodeList nodes = document.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++)
            {
                final Element element = (Element)nodes.item(i);
                if (element.hasAttribute("data-series"))
                {
                    names.add(element.getAttribute("data-series"));
                }
            }
        }
        return names;
    }

    static Histogram histogram(final long seed, final long medianNs)
    {
        final Random random = new Random(seed);
        final Histogram histogram = new Histogram(3);
        for (int i = 0; i < 100_000; i++)
        {
            histogram.recordValue((long)(medianNs * Math.exp(0.3 * random.nextGaussian())));
        }
        return histogram;
    }
}
