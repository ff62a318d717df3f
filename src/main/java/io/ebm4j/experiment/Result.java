package io.ebm4j.experiment;

import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * What an experiment produced: a summary table, named tables (histories), named figures (XChart) and images (energy
 * landscapes), and a short markdown report. Maps keep insertion order.
 *
 * @param name experiment name
 * @param summary one row per run
 * @param tables named tables, written as CSV by the CLI
 * @param figures named charts, written as PNG by the CLI
 * @param images named images, written as PNG by the CLI
 * @param report markdown text
 * @param config the configuration as key=value strings
 */
public record Result(String name, Table summary, Map<String, Table> tables, Map<String, Chart<?, ?>> figures,
    Map<String, java.awt.image.BufferedImage> images, String report, Map<String, String> config) {}
