using System.Collections.ObjectModel;
using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>The change new records make to an organization's own counters and registration days.</summary>
internal sealed record OwnChange(FigureDelta Delta, Dictionary<long, long> Counters, List<int> RegistrationDays, int Records);

/// <summary>
/// An organization's own figures: counters per day and figure, and its registration days. They are
/// the stored summary's (its tail of counters and its registration days) plus the snapshot's older
/// counters, read from those objects rather than copied: a stored summary is never changed, as a
/// change stores a changed copy, so the counters are held once.
/// </summary>
internal sealed class OwnFigures
{
    /// <summary>Answers already given, until the figures change; never changed once handed out.</summary>
    private readonly Dictionary<Period, MetricSet> _answers = [];

    /// <summary>The counters of the records the snapshot covers; empty until the history outgrows one tail.</summary>
    private IReadOnlyDictionary<long, long> _snapshot = ReadOnlyDictionary<long, long>.Empty;

    /// <summary>The summary as last stored.</summary>
    private OwnSummary _stored = new();

    /// <summary>Takes in the summary just stored, and the snapshot's counters when they were stored with it.</summary>
    public void Stored(OwnSummary stored, IReadOnlyDictionary<long, long>? snapshot = null)
    {
        _stored = stored;
        if (snapshot is not null) _snapshot = snapshot;
        _answers.Clear();
    }

    /// <summary>The snapshot's counters and the tail's; a key may be in both, and every use adds them up.</summary>
    private IEnumerable<KeyValuePair<long, long>> Counters => _snapshot.Concat(_stored.Counters);

    /// <summary>Every counter, the snapshot's and the tail's (a key may be in both), summed into a new dictionary.</summary>
    public Dictionary<long, long> AllCounters()
    {
        var all = new Dictionary<long, long>(_snapshot);
        Add(all, _stored.Counters);
        return all;
    }

    public static void Add(Dictionary<long, long> counters, IReadOnlyDictionary<long, long> change)
    {
        foreach (var (key, value) in change)
        {
            var sum = counters.GetValueOrDefault(key) + value;
            if (sum == 0) counters.Remove(key); else counters[key] = sum;
        }
    }

    /// <summary>
    /// What storing the revisions <paramref name="changes"/> changes, at <paramref name="level"/>:
    /// the revision each replaces stops counting and the new one counts, unless withdrawn. Nothing
    /// is changed yet. <paramref name="registrationDaysAfter"/> gives the registration days once
    /// they are stored, asked only when a registration stops counting on its day.
    /// </summary>
    public OwnChange Change(IReadOnlyList<(OrgRecord? Before, OrgRecord After)> changes, OrgLevel level, Func<List<int>> registrationDaysAfter)
    {
        var delta = new FigureDeltaBuilder();
        var counters = new Dictionary<long, long>();
        var levelIndex = (int)level;
        var days = new List<int>(_stored.RegistrationDays);
        var registrationLost = false;
        foreach (var (before, after) in changes)
        {
            if (before is { IsWithdrawn: false }) Count(before, -1);
            if (after.IsWithdrawn) continue;
            Count(after, 1);
            if (after.Kind == RecordKind.StudyRegistration) AddRegistrationDay(days, after.Date.DayNumber, levelIndex, delta);
        }

        if (registrationLost) days = Redraw(days, registrationDaysAfter(), levelIndex, delta);
        return new OwnChange(delta.Build(), counters, days, changes.Count);

        void Count(OrgRecord record, long sign)
        {
            var figures = new MetricSet();
            record.AddTo(figures);
            var flat = FigureLayout.Flatten(figures);
            var day = record.Date.DayNumber;
            for (var figure = 0; figure < flat.Length; figure++)
            {
                if (flat[figure] == 0) continue;
                var key = FigureKeys.Counter(day, figure);
                var sum = counters.GetValueOrDefault(key) + sign * flat[figure];
                if (sum == 0) counters.Remove(key); else counters[key] = sum;
                delta.Counter(FigureKeys.Counter(day, levelIndex * FigureLayout.PerLevel + figure), sign * flat[figure]);
            }

            if (sign < 0 && record.Kind == RecordKind.StudyRegistration) registrationLost = true;
        }
    }

    /// <summary>Replaces the registration points of <paramref name="from"/> by those of <paramref name="to"/>.</summary>
    private static List<int> Redraw(List<int> from, List<int> to, int level, FigureDeltaBuilder delta)
    {
        if (from.SequenceEqual(to)) return from;
        Points(from, -1);
        Points(to, 1);
        return to;

        void Points(List<int> days, long sign)
        {
            var previous = 0;
            foreach (var day in days)
            {
                delta.Point(FigureKeys.Point(level, day, previous), sign);
                previous = day;
            }
        }
    }

    /// <summary>Inserting a day between a and b replaces the point (b after a) by (day after a) and (b after day).</summary>
    private static void AddRegistrationDay(List<int> days, int day, int level, FigureDeltaBuilder delta)
    {
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
    public FigureDeltaBuilder AddAll(FigureDeltaBuilder delta, OrgLevel level, long sign = 1)
    {
        var levelIndex = (int)level;
        foreach (var (key, value) in Counters)
        {
            delta.Counter(FigureKeys.Counter(FigureKeys.DayOf(key), levelIndex * FigureLayout.PerLevel + FigureKeys.SlotOf(key)), sign * value);
        }

        var previous = 0;
        foreach (var day in _stored.RegistrationDays)
        {
            delta.Point(FigureKeys.Point(levelIndex, day, previous), sign);
            previous = day;
        }

        return delta.Orgs(levelIndex, sign);
    }

    /// <summary>The change of counting everything the organization holds at <paramref name="to"/> instead of <paramref name="from"/>.</summary>
    public FigureDelta Relevel(OrgLevel from, OrgLevel to) => AddAll(AddAll(new FigureDeltaBuilder(), from, -1), to).Build();

    /// <summary>The organization's own figures for a period.</summary>
    public MetricSet ForPeriod(Period period)
    {
        if (_answers.TryGetValue(period, out var kept)) return kept;
        if (_answers.Count == SubtreeFigures.KeptAnswers) _answers.Clear();
        return _answers[period] = Compute(period);
    }

    private MetricSet Compute(Period period)
    {
        var flat = new long[FigureLayout.PerLevel];
        foreach (var (key, value) in Counters)
        {
            if (period.Contains(DateOnly.FromDayNumber(FigureKeys.DayOf(key)))) flat[FigureKeys.SlotOf(key)] += value;
        }

        flat[FigureLayout.RegisteredOrgs] = _stored.RegistrationDays.Any(day => period.Contains(DateOnly.FromDayNumber(day))) ? 1 : 0;
        return FigureLayout.ToMetricSet(flat);
    }
}
