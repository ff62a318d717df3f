package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {
  @Test
  void escapesTheFiveSpecialCharacters() {
    assertEquals("&lt;b&gt;Tom &amp; &quot;Jerry&quot; &#39;x&#39;&lt;/b&gt;",
        HtmlTable.escape("<b>Tom & \"Jerry\" 'x'</b>"));
    assertEquals("", HtmlTable.escape(null));
    String plain = "nothing to escape";
    assertSame(plain, HtmlTable.escape(plain));
    assertEquals("&amp;amp;", HtmlTable.escape("&amp;"));
  }

  @Test
  void escapesHeadersCellsAndCaption() {
    Table t = Table.create("<script>alert(1)</script>",
        StringColumn.create("a<b", "x & y", "<img src=x onerror=alert(1)>"));
    String html = HtmlTable.render(t);
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("<th style=\"text-align:right;padding:2px 8px;border-bottom:1px solid #999\">a&lt;b</th>"));
    assertTrue(html.contains(">x &amp; y</td>"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  }

  @Test
  void limitsRowsAndCountsTheRest() {
    double[] v = new double[25];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Table t = Table.create("t", DoubleColumn.create("v", v), DoubleColumn.create("w", v));
    String html = HtmlTable.render(t, 10);
    assertEquals(10 + 2, count(html, "<tr>"), "header + 10 rows + the 'more' row");
    assertTrue(html.contains("... 15 more rows"), html);
    assertTrue(html.contains("colspan=\"2\""));
    assertTrue(HtmlTable.render(t, 24).contains("... 1 more row<"));
    assertFalse(HtmlTable.render(t, 25).contains("more row"));
    assertFalse(HtmlTable.render(t, 100).contains("more row"));
    assertEquals(1 + 20 + 1, count(HtmlTable.render(t), "<tr>"), "default limit is 20 rows");
    assertTrue(HtmlTable.render(t, 0).contains("... 25 more rows"));
    assertThrows(IllegalArgumentException.class, () -> HtmlTable.render(t, -1));
  }

  @Test
  void wellFormedForAnEmptyTable() {
    String html = HtmlTable.render(Table.create("empty"));
    assertTrue(html.startsWith("<table") && html.endsWith("</table>"), html);
    assertEquals(count(html, "<tr>"), count(html, "</tr>"));
  }

  @Test
  void textVersionSaysHowManyRowsAreHidden() {
    Table t = Table.create("t", DoubleColumn.create("v", 1, 2, 3));
    assertTrue(HtmlTable.text(t, 2).endsWith("... 1 more row"));
    assertFalse(HtmlTable.text(t, 3).contains("more"));
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void numbersAreShownWithFourSignificantDigits() {
    tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("t",
        tech.tablesaw.api.DoubleColumn.create("x", new double[] {0.7858773092079887, 3.0, 1.23456e-7}));
    String html = HtmlTable.render(t, 10);
    org.junit.jupiter.api.Assertions.assertTrue(html.contains(">0.7859<") && html.contains(">3<")
        && html.contains(">1.235e-07<"), html);
  }
}
