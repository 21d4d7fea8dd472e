using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Seeding;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// The values the page shares with the server (the term, its first half, the longest monthly
/// series), served as a JavaScript module made from the server's own constants, so that each is
/// stated once, here, and the page imports it.
/// </summary>
public static class PageSettingsModule
{
    public const string Path = "/settings.js";

    public static string Text { get; } = $$"""
        // Made by the host from its own constants (PageSettingsModule); not a file to edit.
        export const TERM = {{Json(Dataset.Term)}};
        export const FIRST_HALF = {{Json(Dataset.FirstHalf)}};
        export const MAX_SERIES_MONTHS = {{SeriesQuery.MaxMonths}};

        """;

    public static WebApplication MapPageSettings(this WebApplication app)
    {
        app.MapGet(Path, () => TypedResults.Text(Text, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static string Json(Period period) => $"{{ from: '{period.From:yyyy-MM-dd}', to: '{period.To:yyyy-MM-dd}' }}";
}
