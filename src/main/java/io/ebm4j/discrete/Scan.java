package io.ebm4j.discrete;

/** Order of single-site updates within a sweep of n updates. */
public enum Scan {
  /** Each update picks a site uniformly at random. */
  RANDOM,
  /** Sites 0, 1, ..., n-1 in turn. */
  SYSTEMATIC
}
