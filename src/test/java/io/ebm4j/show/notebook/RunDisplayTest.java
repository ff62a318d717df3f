package io.ebm4j.show.notebook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.Ebm;
import io.ebm4j.energy.Energies;
import io.ebm4j.train.Methods;
import io.ebm4j.train.Run;
import org.junit.jupiter.api.Test;

class RunDisplayTest {
  @Test
  void aRunShowsAsACompactSummaryWithItsLastHistoryRow() {
    var run = Ebm.train(Energies.twoWells(-3, 3)).on(Energies.twoWells(-3, 3).withMassOfB(0.7).sample(200, 1))
        .method(Methods.exact()).steps(10).seed(5).run();
    MimeBundle b = MimeBundle.of(run).orElseThrow();
    String html = b.data().get(MimeBundle.HTML);
    assertTrue(html.contains("Run: exact, 10 steps") && html.contains("seed 5"), html);
    assertTrue(html.contains("TwoWells{") && html.contains("<table"), html);
    assertTrue(b.data().get(MimeBundle.TEXT).contains("logZExact"), b.data().get(MimeBundle.TEXT));
  }
}
