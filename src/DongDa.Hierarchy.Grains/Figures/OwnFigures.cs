using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>Keeps an organization's <see cref="OwnSummary"/> and turns it into figure changes at its level.</summary>
internal static class OwnFigures
{
    /// <summary>Adds records to the summary and answers the change they make at <paramref name="level"/>.</summary>
    public static FigureDelta Add(OwnSummary own, IEnumerable<OrgRecord> records, OrgLevel level)
    {
        var delta = new FigureDeltaBuilder();
        var levelIndex = (int)level;
        foreach (var record in records)
        {
            var figures = new MetricSet();
            record.AddTo(figures);
            var flat = FigureLayout.Flatten(figures);
            var day = record.Date.DayNumber;
            for (var figure = 0; figure < flat.Length; figure++)
            {
                if (flat[figure] == 0) continue;
                var key = FigureKeys.Counter(day, figure);
                own.Counters[key] = own.Counters.GetValueOrDefault(key) + flat[figure];
                delta.Counter(FigureKeys.Counter(day, levelIndex * FigureLayout.PerLevel + figure), flat[figure]);
            }

            if (record.Kind == RecordKind.StudyRegistration) AddRegistrationDay(own, day, levelIndex, delta);
            own.RecordCount++;
        }

        return delta.Build();
    }

    /// <summary>Inserting a day between a and b replaces the point (b after a) by (day after a) and (b after day).</summary>
    private static void AddRegistrationDay(OwnSummary own, int day, int level, FigureDeltaBuilder delta)
    {
        var days = own.RegistrationDays;
        var index = days.BinarySearch(day);
        if (index >= 0) return;
        index = ~index;
        var previous = index > 0 ? days[index - 1] : 0;
        if (index < days.Count)
        {
            delta.Point(FigureKeys.Point(level, days[index], previous), -1);
            delta.Point(FigureKeys.Point(level, days[index], day), 1);
        }

        delta.Point(FigureKeys.Point(level, day, previous), 1);
        days.Insert(index, day);
    }

    /// <summary>Everything the organization contributes at <paramref name="level"/>, itself counted once.</summary>
    public static FigureDeltaBuilder AddAll(FigureDeltaBuilder delta, OwnSummary own, OrgLevel level, long sign = 1)
    {
        var levelIndex = (int)level;
        foreach (var (key, value) in own.Counters)
        {
            delta.Counter(FigureKeys.Counter(FigureKeys.DayOf(key), levelIndex * FigureLayout.PerLevel + FigureKeys.SlotOf(key)), sign * value);
        }

        var previous = 0;
        foreach (var day in own.RegistrationDays)
        {
            delta.Point(FigureKeys.Point(levelIndex, day, previous), sign);
            previous = day;
        }

        return delta.Orgs(levelIndex, sign);
    }

    /// <summary>The organization's own figures for a period, from its summary.</summary>
    public static MetricSet ForPeriod(OwnSummary own, Period period)
    {
        var flat = new long[FigureLayout.PerLevel];
        foreach (var (key, value) in own.Counters)
        {
            if (period.Contains(DateOnly.FromDayNumber(FigureKeys.DayOf(key)))) flat[FigureKeys.SlotOf(key)] += value;
        }

        flat[FigureLayout.RegisteredOrgs] = own.RegistrationDays.Any(day => period.Contains(DateOnly.FromDayNumber(day))) ? 1 : 0;
        return FigureLayout.ToMetricSet(flat);
    }
}
