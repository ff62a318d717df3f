#!/usr/bin/python3
"""Rewrite notebooks' class-path cell (`%jars ../target/lib`) to load ebm4j by Maven coordinates.

    .ci/notebook-coordinates.py notebooks/*.ipynb

The version comes from pom.xml. Only the cell's source changes; re-run the notebooks afterwards.
"""
import pathlib, re, sys
import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
pom = (ROOT / "pom.xml").read_text()
version = re.search(r"<artifactId>ebm4j</artifactId>\s*<version>([^<]+)</version>", pom).group(1)
cell_source = f"%dependency /add io.ebm4j:ebm4j:{version}\n%dependency /resolve"
for name in sys.argv[1:]:
    nb = nbformat.read(name, as_version=4)
    changed = False
    for cell in nb.cells:
        src = cell.source.strip()
        if cell.cell_type == "code" and (src.startswith("%jars") or src.startswith("%dependency /add io.ebm4j")):
            if cell.source != cell_source:
                cell.source, cell.outputs, changed = cell_source, [], True
    if changed:
        nbformat.write(nb, name)
        print("rewrote", name)
