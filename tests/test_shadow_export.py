"""The NGO shadow report exported: Markdown and .docx in the Committee's order, each paragraph
quoted (Arabic right to left), its word count that of every word of the export, the warning
over the limit, and an unknown format not found."""

import io

import docx
from django.urls import reverse

from observations.exports import shadow_report
from observations.exports.wordcount import count_words
from observations.models import ShadowReport

# --- Export ------------------------------------------------------------------------------------------


def test_markdown_export_follows_the_committees_order_and_quotes_each_paragraph(client, drafted, ngo_drafter):
    client.force_login(ngo_drafter)
    response = client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "md"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert 'filename="shadow-report_CMW_C_XYZ_CO_1_Migrant-Rights-Coalition.md"' in response["Content-Disposition"]
    markdown = response.content.decode()
    content = shadow_report.build_content(drafted)

    assert markdown.startswith("# Shadow report on CMW/C/XYZ/CO/1\n")
    assert "Submitted by Migrant Rights Coalition to the Committee on" in markdown
    assert f"Word count: {content.word_count} (limit: 10,700)." in markdown
    assert "Warning" not in markdown
    positions = [markdown.index(f"#### CMW/C/XYZ/CO/1, para. {ref}\n") for ref in ("4", "4 (b)", "6")]
    assert positions == sorted(positions)
    assert markdown.index("## 1. General measures of implementation") < markdown.index("### Data collection") < \
        positions[0] < markdown.index("### Non-discrimination") < positions[2]
    # The Committee's text, quoted: the whole paragraph with its sub-paragraphs, or the one sub-paragraph.
    assert "> Paragraph 4 text.\n>\n> (a) Do thing a.\n>\n> (b) Do thing b." in markdown
    assert "#### CMW/C/XYZ/CO/1, para. 4 (b)\n\n> Paragraph 4 text.\n>\n> (b) Do thing b.\n" in markdown
    assert "**Assessment:** Partially implemented\n\nSECRET-4B: a pilot only." in markdown
    assert "- [Pilot evaluation \\[2025\\]](<https://example.org/pilot>)" in markdown
    assert ("**Questions and recommendations proposed to the Committee:**\n\n"
            "Ask how many migrants were detained in 2025.") in markdown
    assert "**Assessment:** Not implemented" in markdown


def test_docx_export_reads_back_in_order(client, drafted, ngo_drafter):
    client.force_login(ngo_drafter)
    response = client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "docx"]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "1. General measures of implementation", "Data collection",
        "CMW/C/XYZ/CO/1, para. 4", "CMW/C/XYZ/CO/1, para. 4 (b)",
        "Non-discrimination", "CMW/C/XYZ/CO/1, para. 6",
    ]
    assert texts.index("SECRET-4: no data.") < texts.index("SECRET-4B: a pilot only.") < texts.index(
        "SECRET-SIX: nothing changed for migrants in detention.")
    assert [p.text for p in document.paragraphs if p.style.name == "Quote"][:3] == [
        "Paragraph 4 text.", "(a) Do thing a.", "(b) Do thing b."]
    assert "Pilot evaluation [2025]" in texts  # the link's text
    content = shadow_report.build_content(drafted)
    assert any(t.startswith(f"Word count: {content.word_count} ") for t in texts)


def test_arabic_report_quotes_the_arabic_text_right_to_left(client, drafted, ngo_drafter):
    ShadowReport.objects.filter(pk=drafted.pk).update(language="ar")
    client.force_login(ngo_drafter)
    markdown = client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "md"])).content.decode()
    assert "> نص الفقرة 4.\n>\n> (أ) افعل أ." in markdown
    # Cited as the Arabic version cites it, with the symbol and the canonical letter kept as they are.
    assert "CMW/C/XYZ/CO/1، الفقرة 4 (b)" in markdown
    document = docx.Document(io.BytesIO(
        client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "docx"])).content))
    quote = next(p for p in document.paragraphs if p.text == "نص الفقرة 4.")
    assert quote._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None


# --- Word count ------------------------------------------------------------------------------------------


def test_word_count_is_every_word_of_the_export(drafted):
    content = shadow_report.build_content(drafted)
    markdown = shadow_report.to_markdown(content)
    # The whole export, less the word-count line and Markdown's punctuation, is what is counted.
    without_count_line = "\n".join(line for line in markdown.splitlines() if not line.startswith("Word count:"))
    assert content.word_count == count_words(without_count_line.replace("https://example.org/pilot", ""))
    assert content.own_word_count < content.word_count


def test_the_page_warns_when_the_report_is_over_the_limit(client, drafted, ngo_drafter, settings):
    client.force_login(ngo_drafter)
    content = shadow_report.build_content(drafted)
    body = client.get(drafted.get_absolute_url()).content.decode()
    assert f'data-words="{content.word_count}" data-limit="10700"' in body
    assert "Over the limit" not in body

    settings.SHADOW_REPORT_WORD_LIMIT = 50
    body = client.get(drafted.get_absolute_url()).content.decode()
    assert "Over the limit" in body
    assert f"Warning: {content.word_count - 50} words over the limit of 50 words" in body
    markdown = client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "md"])).content.decode()
    assert f"**Warning: {content.word_count - 50} words over the limit of 50 words.**" in markdown


def test_an_unknown_export_format_is_not_found(client, drafted, ngo_drafter):
    client.force_login(ngo_drafter)
    assert client.get(reverse("observations:shadow_report_export", args=[drafted.pk, "pdf"])).status_code == 404
