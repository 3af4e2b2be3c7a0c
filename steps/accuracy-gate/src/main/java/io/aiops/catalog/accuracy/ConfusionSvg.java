package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.metrics.Scorecard;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The confusion matrix as an SVG heat map (true class down, predicted across; shade by share of the true class, so
 * a rare class's misses show as clearly as a common one's). Written with StAX, which escapes the labels.
 */
final class ConfusionSvg {
  private static final int CELL = 64;
  private static final int MARGIN = 120;

  private ConfusionSvg() {}

  static String render(Scorecard card) {
    List<String> labels = card.labels();
    double[][] m = card.matrix();
    int k = labels.size();
    int size = MARGIN + k * CELL + 20;
    var out = new java.io.StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      w.writeStartElement("svg");
      w.writeDefaultNamespace("http://www.w3.org/2000/svg");
      w.writeAttribute("width", Integer.toString(size));
      w.writeAttribute("height", Integer.toString(size));
      w.writeAttribute("font-family", "sans-serif");
      w.writeAttribute("font-size", "12");
      text(w, 10, 16, "true \\ predicted", null);
      for (int i = 0; i < k; i++) {
        text(w, MARGIN + i * CELL + CELL / 2, MARGIN - 8, labels.get(i), "middle");
        text(w, MARGIN - 8, MARGIN + i * CELL + CELL / 2 + 4, labels.get(i), "end");
        double support = 0;
        for (double v : m[i]) {
          support += v;
        }
        for (int j = 0; j < k; j++) {
          double share = support > 0 ? m[i][j] / support : 0;
          int shade = (int) Math.round(255 - share * 200);
          w.writeEmptyElement("rect");
          w.writeAttribute("x", Integer.toString(MARGIN + j * CELL));
          w.writeAttribute("y", Integer.toString(MARGIN + i * CELL));
          w.writeAttribute("width", Integer.toString(CELL));
          w.writeAttribute("height", Integer.toString(CELL));
          w.writeAttribute("fill", String.format("rgb(%d,%d,255)", shade, shade));
          w.writeAttribute("stroke", "#888");
          text(w, MARGIN + j * CELL + CELL / 2, MARGIN + i * CELL + CELL / 2 + 4, Long.toString((long) m[i][j]),
              "middle");
        }
      }
      w.writeEndElement();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot render the confusion matrix: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static void text(XMLStreamWriter w, int x, int y, String content, String anchor) throws XMLStreamException {
    w.writeStartElement("text");
    w.writeAttribute("x", Integer.toString(x));
    w.writeAttribute("y", Integer.toString(y));
    if (anchor != null) {
      w.writeAttribute("text-anchor", anchor);
    }
    w.writeCharacters(content);
    w.writeEndElement();
  }
}
