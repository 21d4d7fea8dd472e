using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>
/// Everything a node knows of its subtree's figures: counters per day, conductor level and figure,
/// registration points, and organization counts. A period's answer is a sum over these, never over
/// records; the answers to recently asked periods are kept and updated by every change, so asking
/// again after a write costs the size of the write, not of the subtree.
/// </summary>
internal sealed class SubtreeFigures
{
    /// <summary>How many period answers are kept, here and for a node's own figures.</summary>
    internal const int KeptAnswers = 32;

    private readonly Dictionary<long, long> _counters = [];
    private readonly Dictionary<long, long> _points = [];
    private readonly long[] _orgCounts = new long[FigureLayout.Levels];
    private readonly Dictionary<Period, long[]> _answers = [];
    private readonly Queue<Period> _answerAge = new();

    public void Apply(FigureDelta delta, long sign = 1)
    {
        for (var i = 0; i < delta.CounterKeys.Length; i++)
        {
            var key = delta.CounterKeys[i];
            var value = sign * delta.CounterValues[i];
            Add(_counters, key, value);
            foreach (var (period, answer) in _answers)
            {
                if (Contains(period, FigureKeys.DayOf(key))) answer[FigureKeys.SlotOf(key)] += value;
            }
        }

        for (var i = 0; i < delta.PointKeys.Length; i++)
        {
            var key = delta.PointKeys[i];
            var value = sign * delta.PointValues[i];
            Add(_points, key, value);
            var (level, day, previousDay) = FigureKeys.Unpack(key);
            foreach (var (period, answer) in _answers)
            {
                if (CountsRegistration(period, day, previousDay)) answer[FigureLayout.Slots + level] += value;
            }
        }

        for (var level = 0; level < FigureLayout.Levels; level++) _orgCounts[level] += sign * delta.OrgCounts[level];
    }

    /// <summary>All the figures, as a change from nothing.</summary>
    public FigureDelta ToDelta() => new()
    {
        CounterKeys = [.. _counters.Keys],
        CounterValues = [.. _counters.Values],
        PointKeys = [.. _points.Keys],
        PointValues = [.. _points.Values],
        OrgCounts = [.. _orgCounts],
    };

    public (OrgCounts Orgs, ConductorLevelMetrics ByConductorLevel) Answer(Period period)
    {
        if (!_answers.TryGetValue(period, out var answer))
        {
            answer = Compute(period);
            Keep(period, answer);
        }

        var orgs = new OrgCounts();
        for (var level = 0; level < FigureLayout.Levels; level++)
        {
            orgs.Total += _orgCounts[level];
        }

        orgs.District = _orgCounts[0];
        orgs.Grassroots = _orgCounts[1];
        orgs.Partial = _orgCounts[2];
        orgs.Cell = _orgCounts[3];
        return (orgs, ByLevel(answer));
    }

    /// <summary>
    /// The subtree's total for each of many periods in ascending order that do not overlap, such as
    /// the months of a series. Nothing is kept, so that a series does not push out the answers kept
    /// for single periods.
    /// </summary>
    public IReadOnlyList<MetricSet> Totals(IReadOnlyList<Period> periods) => Sum(periods).Select(Total).ToList();

    /// <summary>The levels' slots added together: what summing <see cref="ByLevel"/> gives, without building a set per level and month.</summary>
    private static MetricSet Total(long[] answer)
    {
        var slots = new long[FigureLayout.PerLevel];
        for (var level = 0; level < FigureLayout.Levels; level++)
        {
            for (var slot = 0; slot < FigureLayout.PerLevel; slot++)
            {
                if (slot != FigureLayout.RegisteredOrgs) slots[slot] += answer[level * FigureLayout.PerLevel + slot];
            }

            slots[FigureLayout.RegisteredOrgs] += answer[FigureLayout.Slots + level];
        }

        return FigureLayout.ToMetricSet(slots);
    }

    private static ConductorLevelMetrics ByLevel(long[] answer) => new()
    {
        District = LevelMetrics(answer, 0),
        Grassroots = LevelMetrics(answer, 1),
        Partial = LevelMetrics(answer, 2),
        Cell = LevelMetrics(answer, 3),
    };

    private static MetricSet LevelMetrics(long[] answer, int level)
    {
        var slots = answer.AsSpan(level * FigureLayout.PerLevel, FigureLayout.PerLevel).ToArray();
        slots[FigureLayout.RegisteredOrgs] = answer[FigureLayout.Slots + level];
        return FigureLayout.ToMetricSet(slots);
    }

    private long[] Compute(Period period) => Sum([period])[0];

    /// <summary>
    /// The slots of each period, in one pass over the counters and points whatever the number of
    /// periods: each day is looked up among the periods' starts by binary search, and counts by the
    /// same rules as a single period's.
    /// </summary>
    private long[][] Sum(IReadOnlyList<Period> periods)
    {
        var starts = periods.Select(period => period.From?.DayNumber ?? int.MinValue).ToArray();
        for (var i = 1; i < periods.Count; i++)
        {
            if (starts[i] <= starts[i - 1] || periods[i - 1].To is not { } previousEnd || previousEnd.DayNumber >= starts[i])
            {
                throw new ArgumentException("Periods summed together must be in ascending order and must not overlap.", nameof(periods));
            }
        }

        var answers = periods.Select(_ => new long[FigureLayout.Slots + FigureLayout.Levels]).ToArray();
        foreach (var (key, value) in _counters)
        {
            if (PeriodOf(FigureKeys.DayOf(key)) is { } i) answers[i][FigureKeys.SlotOf(key)] += value;
        }

        foreach (var (key, value) in _points)
        {
            var (level, day, previousDay) = FigureKeys.Unpack(key);
            // PeriodOf has checked that the day lies in the period.
            if (PeriodOf(day) is { } i && RegisteredBefore(periods[i], previousDay)) answers[i][FigureLayout.Slots + level] += value;
        }

        return answers;

        int? PeriodOf(int day)
        {
            var found = Array.BinarySearch(starts, day);
            var i = found >= 0 ? found : ~found - 1;
            return i >= 0 && Contains(periods[i], day) ? i : null;
        }
    }

    private void Keep(Period period, long[] answer)
    {
        if (_answers.Count >= KeptAnswers) _answers.Remove(_answerAge.Dequeue());
        _answers[period] = answer;
        _answerAge.Enqueue(period);
    }

    private static void Add(Dictionary<long, long> entries, long key, long value)
    {
        var sum = entries.GetValueOrDefault(key) + value;
        if (sum == 0) entries.Remove(key); else entries[key] = sum;
    }

    private static bool Contains(Period period, int day) =>
        (period.From is not { } from || day >= from.DayNumber) && (period.To is not { } to || day <= to.DayNumber);

    private static bool CountsRegistration(Period period, int day, int previousDay) =>
        Contains(period, day) && RegisteredBefore(period, previousDay);

    /// <summary>The organization's previous registration, if any, lies before the period.</summary>
    private static bool RegisteredBefore(Period period, int previousDay) => previousDay < (period.From?.DayNumber ?? 1);
}
