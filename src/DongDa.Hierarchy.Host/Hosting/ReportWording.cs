using System.Text.Json;
using DongDa.Hierarchy.Reports;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>Reads the reports' wording once, before the host listens: a file that cannot be used stops the start, naming it.</summary>
public static class ReportWording
{
    public static ReportTemplates Load(string? path)
    {
        var file = path ?? Path.Combine(AppContext.BaseDirectory, ReportTemplates.FileName);
        try
        {
            return ReportTemplates.Load(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            throw new HostCannotStartException($"Cannot use the report templates '{file}' (set {HierarchyHostOptions.Section}:{nameof(HierarchyHostOptions.ReportTemplates)}): {e.Message}", e);
        }
    }
}
