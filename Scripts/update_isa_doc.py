#!/usr/bin/env python3
"""Regenerates the reference section of Docs/isa.md from the ISA definition.

Usage: swift build && python3 Scripts/update_isa_doc.py
It replaces the text between the BEGIN GENERATED and END GENERATED markers with the output of
`.build/debug/qinsasm --isa-reference`; the test ISADefinitionTests checks the two agree.
"""
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
doc_path = root / "Docs" / "isa.md"
begin = "<!-- BEGIN GENERATED: qinsasm --isa-reference -->"
end = "<!-- END GENERATED -->"
doc = doc_path.read_text()
if begin not in doc or end not in doc:
    sys.exit("Docs/isa.md lacks the generated-section markers")
generated = subprocess.run([str(root / ".build/debug/qinsasm"), "--isa-reference"],
                           capture_output=True, text=True, check=True).stdout
head, rest = doc.split(begin, 1)
_, tail = rest.split(end, 1)
doc_path.write_text(head + begin + "\n" + generated + end + tail)
print("Docs/isa.md updated")
