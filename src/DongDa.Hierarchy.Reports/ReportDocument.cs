namespace DongDa.Hierarchy.Reports;

/// <summary>
/// A report's content, in the parts of a party document (Hướng dẫn 36-HD/VPTW) and free of any
/// file format, so that the Word document and the page say exactly the same thing.
/// </summary>
public sealed record ReportDocument
{
    /// <summary>The language key of the templates used, as an HTML lang attribute takes it: "vi".</summary>
    public required string Language { get; init; }

    /// <summary>The culture of the text, as Word takes it: "vi-VN".</summary>
    public required string Culture { get; init; }

    public required ReportHeading Heading { get; init; }
    public required string DocumentName { get; init; }
    public required string Subject { get; init; }
    public required IReadOnlyList<string> Introduction { get; init; }
    public required IReadOnlyList<ReportSection> Sections { get; init; }
    public required IReadOnlyList<string> Closing { get; init; }
    public required ReportSignature Signature { get; init; }
    public required string AnnexTitle { get; init; }
    public required IReadOnlyList<ReportTable> Annex { get; init; }
}

/// <summary>The top of the document: the issuing body on the left, the party heading and the date on the right.</summary>
/// <param name="ParentBody">The level above, in capitals: ĐẢNG BỘ QUẬN ĐỐNG ĐA.</param>
/// <param name="IssuingBody">The committee that issues the report, in capitals: ĐẢNG ỦY PHƯỜNG LÁNG THƯỢNG.</param>
/// <param name="NumberLine">Số      -BC/ĐU, its number left blank for the office.</param>
/// <param name="PartyHeading">ĐẢNG CỘNG SẢN VIỆT NAM, shown bold and underlined.</param>
/// <param name="PlaceAndDate">Đống Đa, ngày … tháng … năm …, shown in italics.</param>
public sealed record ReportHeading(string ParentBody, string IssuingBody, string NumberLine, string PartyHeading, string PlaceAndDate);

public sealed record ReportSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>The signature block (bottom right, the signer's name left for the signature) and the recipients (bottom left).</summary>
public sealed record ReportSignature(string OnBehalfOf, string SignerTitle, string RecipientsHeading, IReadOnlyList<string> Recipients);

/// <summary>A table of figures: a label column, then <see cref="Columns"/> (the label column's heading first).</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Columns, IReadOnlyList<ReportTableGroup> Groups);

/// <summary>Rows under an optional heading that spans the table.</summary>
public sealed record ReportTableGroup(string? Heading, IReadOnlyList<ReportTableRow> Rows);

public sealed record ReportTableRow(string Label, IReadOnlyList<string> Cells);
