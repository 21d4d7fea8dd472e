using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

/// <summary>Computes an organization's own figures for a period from its records.</summary>
internal static class OwnFigures
{
    public static MetricSet Compute(IEnumerable<OrgRecord> records, Period period)
    {
        var figures = new MetricSet();
        var registered = false;
        foreach (var record in records)
        {
            if (!period.Contains(record.Date)) continue;
            record.AddTo(figures);
            registered |= record.Kind == RecordKind.StudyRegistration;
        }

        // registeredOrgs counts organizations, not registrations: one per organization at most.
        figures.Study.RegisteredOrgs = registered ? 1 : 0;
        return figures;
    }
}
