using System.Globalization;
using System.Text;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// An organization's report for a period, in the form of a party document, written from its live
/// figures: as a Word document to file, or as a page to read and print.
/// </summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{id}/report", Report)
            .Describe("Reports", "GetReport", "The organization's report for the period as a party document: a page (html) or a Word document (docx)", Role.Viewer)
            .Produces(StatusCodes.Status200OK, contentType: HtmlReport.ContentType, additionalContentTypes: [DocxReport.ContentType]);
        return orgs;
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, NotFoundProblem>> Report(
        string id, ReportQuery query, HttpContext http, IGrainFactory grains, ReportTemplates templates)
    {
        var grain = grains.GetGrain<IOrganizationGrain>(id);
        var drilldown = await grain.Drilldown(query.Period);
        if (drilldown is null) return Problems.UnknownOrganization(id);
        // Organizations are never removed, so one that answered the drill-down answers this too.
        var previous = await grain.Rollup(ReportPeriods.Previous(query.Period)) ?? throw new InvalidOperationException($"'{id}' answered a drill-down and then no rollup.");
        var parent = drilldown.Node.Org.Details.ParentId is { } parentId ? await grains.GetGrain<IOrganizationGrain>(parentId).GetSnapshot() : null;
        var report = ReportText.Build(new ReportInput
        {
            Current = drilldown.Node,
            Previous = previous,
            Children = drilldown.Children,
            ParentName = parent?.Details.Name,
            Period = query.Period,
            Today = query.Today,
            Language = query.Language,
        }, templates);
        if (query.Format == ReportFormat.Html) return TypedResults.Content(HtmlReport.Render(report), HtmlReport.ContentType);

        http.Response.Headers.ContentDisposition = Attachment(drilldown.Node.Org.Details.Name, query);
        return TypedResults.File(DocxReport.Render(report), DocxReport.ContentType);
    }

    /// <summary>
    /// <c>attachment</c> with the file name twice (RFC 6266): in plain ASCII for old clients, and with
    /// its Vietnamese letters for the rest, e.g. Báo-cáo-sơ-kết-đảng-bộ-quận-Đống-Đa-2020-10-01-2022-12-31.docx.
    /// </summary>
    private static string Attachment(string orgName, ReportQuery query)
    {
        var name = $"{(query.Language == "en" ? "Report" : "Báo cáo sơ kết")} {char.ToLower(orgName[0], CultureInfo.GetCultureInfo("vi-VN"))}{orgName[1..]}"
            + $" {query.Period.From:yyyy-MM-dd} {query.Period.To:yyyy-MM-dd}";
        var accented = string.Join('-', name.Split(' ', StringSplitOptions.RemoveEmptyEntries)) + ".docx";
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = Ascii(accented), FileNameStar = accented };
        return disposition.ToString();
    }

    /// <summary>The name without diacritics (đ as d), anything else outside letters, digits, dots and hyphens as a hyphen.</summary>
    private static string Ascii(string name)
    {
        var plain = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(c switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                _ when char.IsAsciiLetterOrDigit(c) || c is '.' or '-' => c,
                _ => '-',
            });
        }

        return plain.ToString();
    }
}
