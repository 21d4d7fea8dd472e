using System.Text;

namespace DongDa.Hierarchy.Reports;

/// <summary>
/// A report as one self-contained page that prints on A4 with the margins of the Word document.
/// All text is encoded; the markup is also well-formed XML, so that it can be checked as such.
/// </summary>
public static class HtmlReport
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.3; color: #000; background: #fff; margin: 0; }
        main { max-width: 165mm; margin: 0 auto; padding: 10mm 0; }
        .heading, .signature { display: grid; grid-template-columns: 45% 55%; text-align: center; }
        .heading p, .signature p { margin: 0; }
        .issuer { font-weight: bold; }
        .number { white-space: pre; }
        .party { font-weight: bold; font-size: 15pt; text-decoration: underline; }
        .date { font-style: italic; margin-top: 2.6em !important; }
        h1 { font-size: 16pt; text-align: center; margin: 1.5em 0 0; }
        .subject { font-weight: bold; text-align: center; margin: 0 0 1.5em; }
        h2 { font-size: 14pt; margin: 0.6em 0 0.3em; text-indent: 10mm; }
        .body p { text-align: justify; text-indent: 10mm; margin: 0 0 0.4em; }
        .signature { margin-top: 1em; }
        .recipients { text-align: left; font-size: 11pt; }
        .recipients p:first-child { font-weight: bold; font-style: italic; font-size: 12pt; }
        .signer { font-weight: bold; padding-bottom: 6em; }
        .annex { break-before: page; }
        .annex h2 { text-align: center; text-indent: 0; }
        table { width: 100%; border-collapse: collapse; font-size: 11pt; margin: 0 0 1em; break-inside: auto; }
        caption { font-weight: bold; text-align: left; padding: 0.4em 0; }
        th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
        th[scope="col"] { text-align: center; }
        th[scope="row"] { text-align: left; font-weight: normal; }
        th[scope="rowgroup"] { text-align: left; }
        td { text-align: right; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        @media print { main { max-width: none; padding: 0; } }
        """;

    public static string Render(ReportDocument report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(report.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            // No icon to fetch: the page stands alone, and a browser asking for one would be answered 404.
            .Append("<link rel=\"icon\" href=\"data:,\" />\n")
            .Append("<title>").Append(Encode($"{report.DocumentName}: {report.Subject}")).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n");
        Heading(html, report.Heading);
        html.Append("<h1>").Append(Encode(report.DocumentName)).Append("</h1>\n");
        Paragraph(html, report.Subject, "subject");
        html.Append("<div class=\"body\">\n");
        foreach (var paragraph in report.Introduction) Paragraph(html, paragraph);
        foreach (var section in report.Sections) Section(html, section);
        foreach (var paragraph in report.Closing) Paragraph(html, paragraph);
        html.Append("</div>\n");
        Signature(html, report.Signature);
        html.Append("<section class=\"annex\">\n<h2>").Append(Encode(report.AnnexTitle)).Append("</h2>\n");
        foreach (var table in report.Annex) Table(html, table);
        return html.Append("</section>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static void Heading(StringBuilder html, ReportHeading heading)
    {
        html.Append("<header class=\"heading\">\n<div>\n");
        Paragraph(html, heading.ParentBody);
        Paragraph(html, heading.IssuingBody, "issuer");
        Paragraph(html, "*");
        Paragraph(html, heading.NumberLine, "number");
        html.Append("</div>\n<div>\n");
        Paragraph(html, heading.PartyHeading, "party");
        Paragraph(html, heading.PlaceAndDate, "date");
        html.Append("</div>\n</header>\n");
    }

    private static void Section(StringBuilder html, ReportSection section)
    {
        html.Append("<section>\n<h2>").Append(Encode(section.Heading)).Append("</h2>\n");
        foreach (var paragraph in section.Paragraphs) Paragraph(html, paragraph);
        html.Append("</section>\n");
    }

    private static void Signature(StringBuilder html, ReportSignature signature)
    {
        html.Append("<footer class=\"signature\">\n<div class=\"recipients\">\n");
        Paragraph(html, signature.RecipientsHeading);
        foreach (var recipient in signature.Recipients) Paragraph(html, recipient);
        html.Append("</div>\n<div>\n");
        Paragraph(html, signature.OnBehalfOf, "issuer");
        Paragraph(html, signature.SignerTitle, "signer");
        html.Append("</div>\n</footer>\n");
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table>\n<caption>").Append(Encode(table.Caption)).Append("</caption>\n<thead>\n<tr>");
        foreach (var column in table.Columns) html.Append("<th scope=\"col\">").Append(Encode(column)).Append("</th>");
        html.Append("</tr>\n</thead>\n");
        foreach (var group in table.Groups)
        {
            html.Append("<tbody>\n");
            if (group.Heading is { } heading)
            {
                html.Append("<tr><th scope=\"rowgroup\" colspan=\"").Append(table.Columns.Count).Append("\">").Append(Encode(heading)).Append("</th></tr>\n");
            }

            foreach (var row in group.Rows)
            {
                html.Append("<tr><th scope=\"row\">").Append(Encode(row.Label)).Append("</th>");
                foreach (var cell in row.Cells) html.Append("<td>").Append(Encode(cell)).Append("</td>");
                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table>\n");
    }

    private static void Paragraph(StringBuilder html, string text, string? cssClass = null)
    {
        html.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">").Append(Encode(text)).Append("</p>\n");
    }

    /// <summary>
    /// Text and attribute values made safe: only the five characters markup gives meaning to are
    /// replaced, so Vietnamese letters stay readable in the source.
    /// </summary>
    private static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return encoded.ToString();
    }
}
