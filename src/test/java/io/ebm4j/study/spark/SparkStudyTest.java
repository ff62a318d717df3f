package io.ebm4j.study.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.experiment.TwoWellsConfig;
import io.ebm4j.experiment.TwoWellsStudy;
import io.ebm4j.study.Engines;
import io.ebm4j.study.LocalEngine;
import io.ebm4j.study.Result;
import io.ebm4j.study.Runner;
import io.ebm4j.testing.Tables;
import io.ebm4j.study.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A two-wells sweep on a real local Spark context gives the local engine's summary, bit for bit. */
class SparkStudyTest {
  @Test
  void aTwoWellsSweepOnSparkEqualsTheLocalRunBitForBit(@TempDir Path out) throws Exception {
    TwoWellsConfig c = TwoWellsConfig.defaults().with("steps", 40).with("walkers", 400).with("dataSize", 400)
        .with("methods", "exact,pcd,jarzynski,control");
    Sweep<TwoWellsConfig> sweep = Sweep.of(c).set("seeds", "0..1").set("walkers", "300,400");
    Result local = Runner.of(new TwoWellsStudy()).engine(LocalEngine.threads(2)).run(sweep);
    Result spark;
    try (var engine = Engines.spark("local[2]")) {
      spark = Runner.of(new TwoWellsStudy()).engine(engine).run(sweep);
    }
    Tables.assertSameNumbers(local.summary(), spark.summary());
    assertEquals(local.figureNames(), spark.figureNames());
    for (String k : local.tableNames()) {
      Tables.assertSameNumbers(local.table(k).copy().removeColumns("seconds"),
          spark.table(k).copy().removeColumns("seconds"));
    }
    spark.save(out);
    assertTrue(Files.size(out.resolve("walkers-q0-0.2-walkers-400.png")) > 1000);
  }

  @Test
  void theCliRunsASweepOnSpark(@TempDir Path out) throws Exception {
    int rc = io.ebm4j.cli.MainAccess.run("reproduce", "two-wells", "--set", "steps=20", "--set", "walkers=200",
        "--set", "dataSize=200", "--set", "methods=exact,jarzynski", "--set", "seeds=0..1", "--engine", "spark",
        "--master", "local[2]", "--out", out.toString());
    assertEquals(0, rc);
    List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals(1 + 2 * 2 * 2, rows.size());
  }
}
