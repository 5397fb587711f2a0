# ruff: noqa: E501  (the LibreOffice template keeps its XML lines whole)
"""Make the test PDFs from text this script controls, and write down what each must yield.

Run from the repository root: ``python tests/data/pdf/make_pdfs.py`` (needs ``xelatex`` with
xeCJK and the Noto CJK fonts, LibreOffice's ``soffice`` and ``qpdf``; Debian: texlive-xetex
texlive-lang-chinese fonts-noto-cjk libreoffice-writer-nogui qpdf). The PDFs and their
``*.expected.json`` are committed, so the tests never need a typesetter; a slow-marked test runs
this script again and checks that the new PDFs still import as expected.

The body text is paragraphs of the two shipped articles (Traditional), and their Simplified
conversion for the LibreOffice file; the headers, footers, notes and headings are written here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from reader import documents  # noqa: E402

HEADER_EVEN = "遠景論壇　第九十一期"
HEADER_ODD = "中俄戰略利益的分歧與合作"
TITLE = "中俄戰略利益的分歧與合作"
SUBTITLE = "Divergence and Cooperation in Sino-Russian Strategic Interests"
AUTHOR = "許菁芸"
AFFILIATION = "國立政治大學俄羅斯研究所"
ENGLISH_ABSTRACT = (
    "This article examines the strategic interests of China and Russia, their points of "
    "convergence and divergence, and the implications of their partnership for Central "
    "Asia, the Arctic and the international energy market in the coming decade."
)
NOTES = [
    "參見《俄羅斯聯邦外交政策構想》，2023年3月31日發布。",
    "此處數據取自中國海關總署之年度統計。",
    "關於北極航道的討論，另見本刊第八十八期專文。",
]
HEADINGS = ["壹、前言", "貳、戰略利益的分歧", "參、結論"]
CAPTION = "圖1：中俄雙邊貿易額之變化（資料來源：作者整理）"


def paragraphs() -> list[str]:
    found: list[str] = []
    for doc in documents.load_library():
        for block in doc.blocks:
            text = doc.block_text(block)
            if block.kind == "paragraph" and 80 <= len(text) <= 600:
                found.append(text)
    return found


def _pdf_string(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _tex_escape(text: str) -> str:
    for a, b in (
        ("\\", r"\textbackslash{}"),
        ("%", r"\%"),
        ("&", r"\&"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("$", r"\$"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("~", r"\~{}"),
        ("^", r"\^{}"),
    ):
        text = text.replace(a, b)
    return text


def _article(paras: list[str], sections: int) -> tuple[list[tuple[str, str]], list[str]]:
    """(kind, text) items of the body in order, and the notes in order. A note's marker is
    the number LaTeX/LibreOffice print (it stays in the body as a superscript digit)."""
    items: list[tuple[str, str]] = []
    notes: list[str] = []
    per = max(1, len(paras) // sections)
    for s in range(sections):
        items.append(
            (
                "heading",
                HEADINGS[s % len(HEADINGS)]
                if s < len(HEADINGS)
                else f"{'肆伍陸柒捌玖拾'[(s - 3) % 7]}、{HEADINGS[1][2:]}",
            )
        )
        for i, para in enumerate(paras[s * per : (s + 1) * per]):
            if i == 1 and len(notes) < len(NOTES):
                notes.append(NOTES[len(notes)])
                items.append(("paragraph+note", para))
            else:
                items.append(("paragraph", para))
            if s == 0 and i == 0:
                items.append(("caption", CAPTION))
    return items, notes


def xelatex_source(paras: list[str], sections: int, front: bool) -> str:
    items, _notes = _article(paras, sections)
    out = [
        r"\documentclass[10pt,twoside,twocolumn]{article}",
        r"\usepackage[a4paper,margin=2.2cm]{geometry}",
        r"\usepackage{xeCJK}",
        r"\setmainfont{DejaVu Serif}",  # Latin and Cyrillic (the articles quote Russian)
        r"\setCJKmainfont{Noto Serif CJK TC}",
        r"\setCJKsansfont{Noto Sans CJK TC}",
        r"\usepackage{fancyhdr}",
        # The document information and page labels, written straight into the PDF (hyperref
        # would need more fonts than texlive-xetex brings).
        r"\special{pdf:docinfo << /Title "
        + _pdf_string(TITLE)
        + " /Author "
        + _pdf_string(AUTHOR)
        + " >>}",
        r"\pagestyle{fancy}\fancyhf{}",
        r"\fancyhead[LE]{" + HEADER_EVEN + r"}\fancyhead[RO]{" + HEADER_ODD + "}",
        r"\fancyfoot[C]{\thepage}",
        r"\renewcommand{\headrulewidth}{0pt}",
        r"\setlength{\parindent}{2em}",
        r"\begin{document}",
    ]
    if front:
        out += [
            r"\special{pdf:put @catalog << /PageLabels << /Nums [0 << /S /r >> 1 << /S /D /St 45"
            r" >>] >> >>}",
            r"\pagenumbering{roman}",
            r"\twocolumn[{\centering{\LARGE\bfseries " + TITLE + r"\par}\vspace{1ex}",
            r"{\large " + SUBTITLE + r"\par}\vspace{1ex}",
            r"{\large " + AUTHOR + r"\par}{" + AFFILIATION + r"\par}\vspace{3ex}}]",
            r"\noindent " + _tex_escape(ENGLISH_ABSTRACT),
            r"\par " + _tex_escape(paras[-1]),
            r"\clearpage\pagenumbering{arabic}\setcounter{page}{45}",
        ]
    for kind, text in items:
        if kind == "heading":
            out.append(r"\par\vspace{1ex}{\noindent\large\bfseries " + text + r"\par}")
        elif kind == "caption":
            out.append(
                r"\par\begin{center}\fbox{\rule{0pt}{2em}\rule{5em}{0pt}}\\[1ex]"
                r"{\small " + text + r"}\end{center}"
            )
        elif kind == "paragraph+note":
            note = NOTES[
                sum(1 for k, _ in items[: items.index((kind, text))] if k == "paragraph+note")
            ]
            cut = len(text) // 2
            out.append(
                r"\par "
                + _tex_escape(text[:cut])
                + r"\footnote{"
                + note
                + "}"
                + _tex_escape(text[cut:])
            )
        else:
            out.append(r"\par " + _tex_escape(text))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def expected(
    name: str, paras: list[str], sections: int, front: bool, **extra: object
) -> dict[str, object]:
    items, notes = _article(paras, sections)
    body: list[str] = []
    if front:
        body += [TITLE, SUBTITLE, AUTHOR, AFFILIATION, ENGLISH_ABSTRACT, paras[-1]]
    marker = 0
    for kind, text in items:
        if kind == "paragraph+note":
            # The note's number stays in the body where the typesetter printed it.
            marker += 1
            cut = len(text) // 2
            text = text[:cut] + str(marker) + text[cut:]
        body.append(text)
    return {
        "file": name,
        "body": body,
        "headings": [t for k, t in items if k == "heading"],
        "notes": [f"{n}{note}" for n, note in enumerate(notes, start=1)],
        "captions": [t for k, t in items if k == "caption"],
        "running": [HEADER_EVEN, HEADER_ODD],
        **extra,
    }


def make_xelatex(
    out_dir: Path,
    name: str,
    paras: list[str],
    sections: int,
    front: bool,
    *,
    keep_source: bool = True,
    **extra: object,
) -> None:
    source = xelatex_source(paras, sections, front)
    with tempfile.TemporaryDirectory() as tmp:
        tex = (out_dir if keep_source else Path(tmp)) / f"{name}.tex"
        tex.write_text(source, encoding="utf-8")
        for _ in range(2):
            subprocess.run(
                ["xelatex", "-interaction=nonstopmode", "-halt-on-error", str(tex)],
                cwd=tmp,
                check=True,
                capture_output=True,
            )
        shutil.copy(Path(tmp) / f"{name}.pdf", out_dir / f"{name}.pdf")
    if not keep_source:
        return
    data = expected(f"{name}.pdf", paras, sections, front, producer="XeLaTeX", **extra)
    (out_dir / f"{name}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def main(out_dir: Path = HERE, *, small: bool = False) -> None:
    """All the PDFs; ``small``: only the two article PDFs (what the slow test regenerates)."""
    paras = paragraphs()
    make_xelatex(
        out_dir, "xelatex-tc", (paras * 3)[:26], 3, True, labels_front=["i"], first_body_label="45"
    )
    make_libreoffice(out_dir, "libreoffice-sc", (paras * 3)[8:30])
    make_faq(out_dir)
    if small:
        return
    # 30 pages of the same paragraphs over and over: only the PDF is kept (its source and what
    # it must yield come from this script: bench_expected()).
    make_xelatex(out_dir, "bench-30", bench_paragraphs(paras), 9, False, keep_source=False)
    make_refusals(out_dir)


# A question-and-answer document (the shape of the CTeX FAQ) ---------------------------------------

FAQ_TITLE = "中俄關係常見問題集"
FAQ_SECTIONS = [
    (
        "A",
        "基本概念",
        ["什麼是一帶一路？", "上海合作組織有哪些成員？", "中俄之間的能源合作如何進行？"],
    ),
    ("B", "區域議題", ["中亞在中俄關係中的地位為何？", "北極航道為何重要？"]),
]


def faq_items(paras: list[str]) -> list[tuple[str, str]]:
    """(kind, text): sections, numbered questions and their answers, in order."""
    items: list[tuple[str, str]] = []
    n = 0
    for letter, name, questions in FAQ_SECTIONS:
        items.append(("section", f"{letter} {name}"))
        for question in questions:
            n += 1
            items.append(("question", f"{n} {question}"))
            items.append(("paragraph", paras[n % len(paras)]))
    return items


def faq_toc(items: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(kind, text, page) of each table-of-contents line (the page numbers are made up: the
    contents page is typeset, not computed)."""
    toc: list[tuple[str, str, str]] = []
    page = 2
    for kind, text in items:
        if kind == "section":
            toc.append(("section", text, str(page)))
        elif kind == "question":
            toc.append(("question", text, str(page)))
            page += 1
    return toc


def faq_source(paras: list[str]) -> str:
    items = faq_items(paras)
    out = [
        r"\documentclass[11pt]{article}",
        r"\usepackage[a4paper,margin=2.5cm]{geometry}",
        r"\usepackage{xeCJK}",
        r"\setmainfont{DejaVu Serif}",
        r"\setCJKmainfont{Noto Serif CJK TC}",
        r"\setlength{\parindent}{2em}",
        r"\pagestyle{plain}",
        r"\begin{document}",
        r"\begin{center}{\LARGE\bfseries " + FAQ_TITLE + r"\par}\end{center}",
        r"\section*{目錄}",
    ]
    for kind, text, page in faq_toc(items):
        if kind == "section":
            out.append(r"\par\vspace{1ex}\noindent{\bfseries " + text + r"}\hfill " + page)
        else:
            out.append(r"\par\noindent\hspace{1.5em}" + text + r"\dotfill " + page)
    out.append(r"\clearpage")
    for kind, text in items:
        if kind == "section":
            out.append(r"\par\vspace{2ex}{\noindent\Large\bfseries " + text + r"\par}")
        elif kind == "question":
            out.append(r"\par\vspace{1ex}{\noindent\bfseries " + text + r"\par}")
        else:
            out.append(r"\par " + _tex_escape(text))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def make_faq(out_dir: Path) -> None:
    paras = paragraphs()[:8]
    source = faq_source(paras)
    with tempfile.TemporaryDirectory() as tmp:
        tex = out_dir / "xelatex-faq.tex"
        tex.write_text(source, encoding="utf-8")
        for _ in range(2):
            subprocess.run(
                ["xelatex", "-interaction=nonstopmode", "-halt-on-error", str(tex)],
                cwd=tmp,
                check=True,
                capture_output=True,
            )
        shutil.copy(Path(tmp) / "xelatex-faq.pdf", out_dir / "xelatex-faq.pdf")
    items = faq_items(paras)
    data = {
        "file": "xelatex-faq.pdf",
        "producer": "XeLaTeX",
        "title": FAQ_TITLE,
        "toc": [[kind, text, page] for kind, text, page in faq_toc(items)],
        "sections": [t for k, t in items if k == "section"],
        "questions": [t for k, t in items if k == "question"],
        "answers": [t for k, t in items if k == "paragraph"],
    }
    (out_dir / "xelatex-faq.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def bench_paragraphs(paras: list[str] | None = None) -> list[str]:
    return ((paras or paragraphs()) * 12)[:290]


def bench_expected() -> dict[str, object]:
    return expected("bench-30.pdf", bench_paragraphs(), 9, False, producer="XeLaTeX")


# LibreOffice (flat ODT) ------------------------------------------------------------------------


def make_libreoffice(out_dir: Path, name: str, paras: list[str]) -> None:
    import opencc

    convert = opencc.OpenCC("tw2sp").convert
    simplified = [convert(p) for p in paras]
    header, title = convert(HEADER_EVEN), convert(TITLE)
    notes = [convert(n) for n in NOTES]
    headings = [convert(h) for h in HEADINGS]
    vertical = convert(paras[0])
    body_xml: list[str] = []
    expected_body: list[str] = [title, convert(AUTHOR)]
    body_xml.append(f'<text:p text:style-name="Title">{title}</text:p>')
    body_xml.append(f'<text:p text:style-name="Author">{convert(AUTHOR)}</text:p>')
    body_xml.append('<text:section text:style-name="Cols" text:name="Body">')
    note_n = 0
    used_notes: list[str] = []
    for i, para in enumerate(simplified):
        if i % 2 == 0:
            h = headings[(i // 2) % len(headings)]
            body_xml.append(f'<text:h text:style-name="H" text:outline-level="1">{h}</text:h>')
            expected_body.append(h)
        if i % 2 == 1 and note_n < len(notes):
            cut = len(para) // 2
            body_xml.append(
                f'<text:p text:style-name="Body">{_xml(para[:cut])}<text:note text:id="n{note_n}" '
                f'text:note-class="footnote"><text:note-citation>{note_n + 1}</text:note-citation>'
                f'<text:note-body><text:p text:style-name="Foot">{notes[note_n]}</text:p>'
                f"</text:note-body></text:note>{_xml(para[cut:])}</text:p>"
            )
            used_notes.append(f"{note_n + 1}{notes[note_n]}")
            note_n += 1
            expected_body.append(para[:cut] + str(note_n) + para[cut:])
        else:
            body_xml.append(f'<text:p text:style-name="Body">{_xml(para)}</text:p>')
            expected_body.append(para)
    body_xml.append("</text:section>")
    body_xml.append(f'<text:p text:style-name="Vertical">{_xml(vertical)}</text:p>')
    expected_body.append(vertical)
    fodt = _FODT.format(header=header, first=12, body="\n".join(body_xml))
    (out_dir / f"{name}.fodt").write_text(fodt, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(out_dir / f"{name}.fodt"),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copy(Path(tmp) / f"{name}.pdf", out_dir / f"{name}.pdf")
    data = {
        "file": f"{name}.pdf",
        "producer": "LibreOffice",
        "body": expected_body,
        "headings": [h for h in expected_body if h in headings],
        "notes": used_notes,
        "captions": [],
        "running": [header],
        "first_body_label": "12",
        "vertical": vertical,
    }
    (out_dir / f"{name}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC"
   fo:font-size="10.5pt" style:font-size-asian="10.5pt" fo:language="zh" fo:country="CN"
   style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-indent="21pt" fo:margin-bottom="4pt" fo:text-align="justify"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="10pt"/>
  <style:text-properties fo:font-size="20pt" style:font-size-asian="20pt" fo:font-weight="bold"
   style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Author" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="14pt"/>
  <style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/>
 </style:style>
 <style:style style:name="H" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="8pt" fo:margin-bottom="4pt"/>
  <style:text-properties fo:font-size="13pt" style:font-size-asian="13pt" fo:font-weight="bold"
   style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Foot" style:family="paragraph">
  <style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/>
 </style:style>
 <style:style style:name="Hdr" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Cols" style:family="section">
  <style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/>
  </style:section-properties>
 </style:style>
 <style:style style:name="Vertical" style:family="paragraph" style:parent-style-name="Body"
  style:master-page-name="VerticalPage">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="FirstBody" style:family="paragraph" style:master-page-name="Standard">
  <style:paragraph-properties style:page-number="{first}"/>
 </style:style>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="2cm"/>
  <style:header-style/><style:footer-style/>
 </style:page-layout>
 <style:page-layout style:name="PLV">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin="2cm"
   style:writing-mode="tb-rl"/>
  <style:header-style/><style:footer-style/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Hdr">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Hdr">— <text:page-number text:select-page="current"/> —</text:p></style:footer>
 </style:master-page>
 <style:master-page style:name="VerticalPage" style:page-layout-name="PLV">
  <style:header><text:p text:style-name="Hdr">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Hdr">— <text:page-number text:select-page="current"/> —</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
<text:p text:style-name="FirstBody"></text:p>
{body}
</office:text></office:body>
</office:document>
"""


# Refusals ------------------------------------------------------------------------------------


PROTECTED = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
 <style:style style:name="T" style:family="paragraph">
  <style:text-properties fo:font-size="20pt" style:font-size-asian="20pt"/>
 </style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="T">中俄战略利益的分歧与合作</text:p>
<text:p>这份文件有密码保护，用来测试导入时的密码提示。</text:p>
</office:text></office:body>
</office:document>
"""


def make_refusals(out_dir: Path) -> None:
    """A PDF that needs a user password, and one with only an owner password (qpdf), made from a
    one-page LibreOffice file (protected.fodt) so that they stay small."""
    source_fodt = out_dir / "protected.fodt"
    source_fodt.write_text(PROTECTED, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source_fodt),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        source = Path(tmp) / "protected.pdf"
        subprocess.run(
            [
                "qpdf",
                "--encrypt",
                "secret",
                "owner",
                "256",
                "--",
                str(source),
                str(out_dir / "user-password.pdf"),
            ],
            check=True,
        )
        subprocess.run(
            [
                "qpdf",
                "--encrypt",
                "",
                "owner",
                "256",
                "--print=none",
                "--",
                str(source),
                str(out_dir / "owner-password.pdf"),
            ],
            check=True,
        )


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--small"]
    main(Path(arguments[0]) if arguments else HERE, small="--small" in sys.argv)
