using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DongDa.Hierarchy.Reports;

/// <summary>
/// A report as a Word document, laid out as Hướng dẫn 36-HD/VPTW sets a party document: Times New
/// Roman, A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm, a 14 pt justified body
/// with a first-line indent.
/// </summary>
public static class DocxReport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Times New Roman";

    // Twentieths of a point: A4 is 210 × 297 mm; 1 mm is 56.7.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 1134;
    private const int MarginBottom = 1134;
    private const int MarginLeft = 1701;
    private const int MarginRight = 850;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const int FirstLineIndent = 567;
    private const int LabelColumn = 2800;

    /// <summary>Sizes in half-points.</summary>
    private const int Body = 28;
    private const int PartyHeading = 30;
    private const int DocumentName = 32;
    private const int Recipients = 22;
    private const int Table = 22;

    /// <summary>The document's bytes; built in memory because a package is written by seeking back into it.</summary>
    public static byte[] Render(ReportDocument report)
    {
        using var buffer = new MemoryStream();
        using (var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = report.Subject;
            package.PackageProperties.Language = report.Culture;
            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(report.Culture);
            var pageNumbers = main.AddNewPart<HeaderPart>();
            pageNumbers.Header = PageNumberHeader();
            main.Document = new Document(new Body([.. Content(report), Page(main.GetIdOfPart(pageNumbers))]));
        }

        return buffer.ToArray();
    }

    /// <summary>Writes the document to <paramref name="stream"/>, which need not seek: a response body will do.</summary>
    public static Task WriteAsync(ReportDocument report, Stream stream, CancellationToken cancellationToken = default) =>
        stream.WriteAsync(Render(report), cancellationToken).AsTask();

    private static IEnumerable<OpenXmlElement> Content(ReportDocument report)
    {
        yield return HeadingTable(report.Heading);
        yield return Line(report.DocumentName, new Look(Bold: true, Size: DocumentName), JustificationValues.Center, before: 480);
        yield return Line(report.Subject, new Look(Bold: true), JustificationValues.Center, after: 360);
        foreach (var paragraph in report.Introduction) yield return BodyText(paragraph, new Look());
        foreach (var section in report.Sections)
        {
            yield return BodyText(section.Heading, new Look(Bold: true), keepNext: true);
            foreach (var paragraph in section.Paragraphs) yield return BodyText(paragraph, new Look());
        }

        foreach (var paragraph in report.Closing) yield return BodyText(paragraph, new Look());
        yield return Line("", new Look(), JustificationValues.Left);
        yield return SignatureTable(report.Signature);
        yield return Line(report.AnnexTitle, new Look(Bold: true), JustificationValues.Center, pageBreakBefore: true);
        foreach (var table in report.Annex)
        {
            yield return Line(table.Caption, new Look(Bold: true), JustificationValues.Left, before: 240, after: 120, keepNext: true);
            yield return FigureTable(table);
        }
    }

    /// <summary>The issuing body (left) beside the party heading and the date (right), in a table without borders.</summary>
    private static Table HeadingTable(ReportHeading heading)
    {
        // Wide enough that a city's name in capitals (ĐẢNG BỘ THÀNH PHỐ HÀ NỘI) stays on one line, as the guideline sets it.
        const int left = 4820;
        var center = JustificationValues.Center;
        return Borderless(
            [left, TextWidth - left],
            Cell(left,
                Line(heading.ParentBody, new Look(), center),
                Line(heading.IssuingBody, new Look(Bold: true), center),
                Line("*", new Look(), center),
                Line(heading.NumberLine, new Look(), center)),
            Cell(TextWidth - left,
                Line(heading.PartyHeading, new Look(Bold: true, Underline: true, Size: PartyHeading), center),
                Line("", new Look(), center),
                Line("", new Look(), center),
                Line(heading.PlaceAndDate, new Look(Italic: true), center)));
    }

    /// <summary>The recipients (left) beside the signature block (right), with room left to sign.</summary>
    private static Table SignatureTable(ReportSignature signature)
    {
        const int left = 4500;
        var recipients = signature.Recipients.Select(recipient => Line(recipient, new Look(Size: Recipients), JustificationValues.Left));
        return Borderless(
            [left, TextWidth - left],
            Cell(left, [Line(signature.RecipientsHeading, new Look(Bold: true, Italic: true, Size: 24), JustificationValues.Left), .. recipients]),
            Cell(TextWidth - left,
            [
                Line(signature.OnBehalfOf, new Look(Bold: true), JustificationValues.Center),
                Line(signature.SignerTitle, new Look(Bold: true), JustificationValues.Center),
                .. Enumerable.Range(0, 4).Select(_ => Line("", new Look(), JustificationValues.Center)),
            ]));
    }

    /// <summary>A layout table: no borders, and no cell margins, so its columns give their text the whole width.</summary>
    private static Table Borderless(int[] widths, params TableCell[] cells) => new(
        new TableProperties(
            new TableWidth { Width = TextWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa }, new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
        new TableGrid(widths.Select(width => new GridColumn { Width = width.ToString() })),
        new TableRow(cells));

    private static Table FigureTable(ReportTable table)
    {
        var widths = Widths(table.Columns.Count);
        var border = new Func<BorderType, BorderType>(side => { side.Val = BorderValues.Single; side.Size = 4; return side; });
        var properties = new TableProperties(
            new TableWidth { Width = TextWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                border(new TopBorder()), border(new LeftBorder()), border(new BottomBorder()),
                border(new RightBorder()), border(new InsideHorizontalBorder()), border(new InsideVerticalBorder())),
            new TableLayout { Type = TableLayoutValues.Fixed });
        var header = new TableRow(
            [new TableRowProperties(new TableHeader()),
             .. table.Columns.Select((column, i) => Cell(widths[i], Line(column, new Look(Bold: true, Size: Table), JustificationValues.Center)))]);
        return new Table(
            [properties,
             new TableGrid(widths.Select(width => new GridColumn { Width = width.ToString() })),
             header,
             .. table.Groups.SelectMany(group => GroupRows(group, widths))]);
    }

    private static IEnumerable<TableRow> GroupRows(ReportTableGroup group, int[] widths)
    {
        if (group.Heading is { } heading)
        {
            var cell = Cell(TextWidth, Line(heading, new Look(Bold: true, Size: Table), JustificationValues.Left));
            cell.TableCellProperties!.Append(new GridSpan { Val = widths.Length });
            yield return new TableRow(cell);
        }

        foreach (var row in group.Rows)
        {
            yield return new TableRow(
            [
                Cell(widths[0], Line(row.Label, new Look(Size: Table), JustificationValues.Left)),
                .. row.Cells.Select((value, i) => Cell(widths[i + 1], Line(value, new Look(Size: Table), JustificationValues.Right))),
            ]);
        }
    }

    /// <summary>A wide first column for labels and names; the figures share the rest.</summary>
    private static int[] Widths(int columns)
    {
        var label = columns <= 4 ? TextWidth - 3 * 1800 : LabelColumn;
        var figure = (TextWidth - label) / (columns - 1);
        return [label, .. Enumerable.Repeat(figure, columns - 1)];
    }

    private static TableCell Cell(int width, params Paragraph[] paragraphs) =>
        new([new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }), .. paragraphs]);

    private static Paragraph BodyText(string text, Look look, bool keepNext = false) =>
        Paragraph(text, look, JustificationValues.Both, before: 0, after: 120, keepNext, pageBreakBefore: false, FirstLineIndent);

    private static Paragraph Line(string text, Look look, JustificationValues align, int before = 0, int after = 0, bool keepNext = false, bool pageBreakBefore = false) =>
        Paragraph(text, look, align, before, after, keepNext, pageBreakBefore, firstLine: 0);

    /// <summary>A paragraph of one run; its properties in the order the schema requires.</summary>
    private static Paragraph Paragraph(string text, Look look, JustificationValues align, int before, int after, bool keepNext, bool pageBreakBefore, int firstLine)
    {
        var properties = new ParagraphProperties();
        if (keepNext) properties.Append(new KeepNext());
        if (pageBreakBefore) properties.Append(new PageBreakBefore());
        properties.Append(new SpacingBetweenLines { Before = before.ToString(), After = after.ToString() });
        if (firstLine > 0) properties.Append(new Indentation { FirstLine = firstLine.ToString() });
        properties.Append(new Justification { Val = align });
        return new Paragraph(properties, new Run(look.Properties(), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>A4 with the guideline's margins; page numbers at the top centre from the second page on, as the guideline numbers them.</summary>
    private static SectionProperties Page(string pageNumbersId) => new(
        new HeaderReference { Type = HeaderFooterValues.Default, Id = pageNumbersId },
        new PageSize { Width = PageWidth, Height = PageHeight },
        new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 },
        new TitlePage());

    private static Header PageNumberHeader() => new(new Paragraph(
        new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
        new SimpleField(new Run(new Text("2"))) { Instruction = " PAGE " }));

    private static Styles Styles(string culture) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = Body.ToString() },
                new FontSizeComplexScript { Val = Body.ToString() },
                new Languages { Val = culture })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));

    /// <summary>How a run looks; the body's size unless said.</summary>
    private sealed record Look(bool Bold = false, bool Italic = false, bool Underline = false, int Size = Body)
    {
        /// <summary>The run's properties in the order the schema requires.</summary>
        public RunProperties Properties()
        {
            var properties = new RunProperties();
            if (Bold) properties.Append(new Bold());
            if (Italic) properties.Append(new Italic());
            properties.Append(new FontSize { Val = Size.ToString() }, new FontSizeComplexScript { Val = Size.ToString() });
            if (Underline) properties.Append(new Underline { Val = UnderlineValues.Single });
            return properties;
        }
    }
}
