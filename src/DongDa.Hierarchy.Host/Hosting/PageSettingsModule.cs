using DongDa.Hierarchy.Host.Api;
using System.Text.Json;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Rollup;
using DongDa.Hierarchy.Seeding;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// The values the page shares with the server (the term, its first half, the longest monthly
/// series, the figures with their labels, the record kinds with their form fields), served as a JavaScript module made from the server's
/// own constants and <see cref="FigureTable"/>, so that each is stated once and the page imports it.
/// </summary>
public static class PageSettingsModule
{
    public const string Path = "/settings.js";

    public static string Text { get; } = $$"""
        // Made by the host from its own constants (PageSettingsModule); not a file to edit.
        export const TERM = {{Json(Dataset.Term)}};
        export const FIRST_HALF = {{Json(Dataset.FirstHalf)}};
        export const MAX_SERIES_MONTHS = {{SeriesQuery.MaxMonths}};
        export const FIGURE_GROUPS = {{JsonSerializer.Serialize(FigureTable.Groups.Select(group => new { group.Key, vi = group.Vietnamese, en = group.English }), HierarchyJson.Options)}};
        export const FIGURES = {{JsonSerializer.Serialize(FigureTable.Figures.Select(Shown), HierarchyJson.Options)}};
        export const RECORD_KINDS = {{RecordForms.Json}};

        """;

    public static WebApplication MapPageSettings(this WebApplication app)
    {
        // Made now: a figure or record field without its label stops the start, not the page.
        _ = Text;
        app.MapGet(Path, () => TypedResults.Text(Text, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A figure as the page reads it: its JSON paths, summed when it is split by recognition level.</summary>
    private static object Shown(Figure figure) => new
    {
        figure.Name,
        Group = figure.Group.Key,
        vi = figure.Vietnamese,
        en = figure.English,
        Paths = figure.ByRecognitionLevel ? FigureTable.RecognitionLevels.Select(level => $"{figure.Name}.{level}").ToArray() : [figure.Name],
    };

    private static string Json(Period period) => $"{{ from: '{period.From:yyyy-MM-dd}', to: '{period.To:yyyy-MM-dd}' }}";
}
