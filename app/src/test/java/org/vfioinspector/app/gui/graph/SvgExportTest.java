package org.vfioinspector.app.gui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vfioinspector.app.gui.Hosts;
import org.vfioinspector.core.host.HostState;
import org.vfioinspector.core.model.PciAddress;
import org.vfioinspector.core.model.Topology;
import org.vfioinspector.core.pciids.PciIds;
import org.vfioinspector.core.reset.BlastRadiusAnalyzer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgExportTest {

    static Topology demo;
    static GraphScene scene;

    @BeforeAll
    static void layOut() {
        demo = Hosts.read(Hosts.sharedDemo());
        scene = GraphScene.compute(demo, PciIds.empty(), Set.of(), new TreeLayout());
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDocumentIsWellFormedSvgWithOneGroupPerNode() throws Exception {
        Document d = parse(SvgExport.render(scene, Highlight.NONE, GraphTheme.LIGHT));

        Element root = d.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(scene.layout().bounds().width());
        NodeList groups = d.getElementsByTagNameNS("*", "g");
        int nodes = 0;
        int regions = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            String cls = ((Element) groups.item(i)).getAttribute("class");
            nodes += cls.equals("node") ? 1 : 0;
            regions += cls.equals("group") ? 1 : 0;
        }
        assertThat(nodes).isEqualTo(scene.model().size());
        assertThat(regions).isEqualTo(scene.regions().size());
        assertThat(d.getElementsByTagNameNS("*", "image").getLength()).as("embedded glyphs").isEqualTo(Glyph.values().length);
    }

    @Test
    void theSelectionsBlastRadiusIsEmphasisedAndTheRestDimmed() throws Exception {
        Highlight h = Highlight.of(new BlastRadiusAnalyzer(demo, HostState.NONE).analyze(PciAddress.parse("0000:04:00.0")));
        Document d = parse(SvgExport.render(scene, h, GraphTheme.DARK));

        NodeList groups = d.getElementsByTagNameNS("*", "g");
        java.util.Set<String> bright = java.util.Set.of("fn:0000:04:00.0", "fn:0000:04:00.1", "fn:0000:03:08.0");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!g.getAttribute("class").equals("node")) {
                continue;
            }
            String id = g.getAttribute("data-id");
            seen.add(id);
            assertThat(g.getAttribute("opacity")).as(id)
                    .isEqualTo(bright.contains(id) ? "" : String.valueOf(GraphTheme.DARK.dimAlpha()));
        }
        // the emphasised nodes must be drawn at all, or the loop above proves nothing about them
        assertThat(seen).containsAll(bright).hasSizeGreaterThan(bright.size());
        assertThat(d.getDocumentElement().getTextContent()).contains("resets bus 04");
    }

    @Test
    void textFromTheHostIsEscaped() {
        assertThat(SvgText.esc("a<b & \"c\"\u0001")).isEqualTo("a&lt;b &amp; &quot;c&quot;");
        assertThat(SvgText.shorten("0123456789abcdef", 10, 60)).endsWith("…").hasSizeLessThan(16);
    }
}
