using System.Linq.Expressions;
using System.Reflection;
using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Rollup;

namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>
/// The figures of a <see cref="MetricSet"/> as a flat vector, one slot per figure in
/// <see cref="FigureTable"/> order, so that summaries can be kept and added as plain numbers. Four
/// such vectors, one per conductor level, make a subtree's figures. The slots are bound to the
/// answer type through its JSON contract, so a figure's JSON name is the table's and nothing else;
/// a figure in one and not the other stops the silo before it serves anything.
/// </summary>
internal static class FigureLayout
{
    public static readonly int PerLevel = FigureTable.Slots.Count;
    public const int Levels = 4;
    public static readonly int Slots = PerLevel * Levels;

    /// <summary>Not additive: answered from registration points instead of counters.</summary>
    public static readonly int RegisteredOrgs = FigureTable.OrganizationsSlot;

    private static readonly (Func<MetricSet, long> Get, Action<MetricSet, long> Set)[] Accessors = Bind();

    public static long[] Flatten(MetricSet m)
    {
        var v = new long[PerLevel];
        for (var slot = 0; slot < v.Length; slot++) v[slot] = Accessors[slot].Get(m);
        return v;
    }

    public static MetricSet ToMetricSet(ReadOnlySpan<long> v)
    {
        var m = new MetricSet();
        for (var slot = 0; slot < PerLevel; slot++) Accessors[slot].Set(m, v[slot]);
        return m;
    }

    /// <summary>A compiled getter and setter per slot, found by following the slot's JSON path through the serializer's contract.</summary>
    private static (Func<MetricSet, long>, Action<MetricSet, long>)[] Bind()
    {
        var leaves = new Dictionary<string, Expression>(StringComparer.Ordinal);
        var root = Expression.Parameter(typeof(MetricSet), "m");
        Collect(root, "");
        var unnamed = leaves.Keys.Except(FigureTable.Slots).ToList();
        var missing = FigureTable.Slots.Except(leaves.Keys).ToList();
        if (unnamed.Count > 0 || missing.Count > 0 || PerLevel * Levels > 0xFF)
        {
            throw new InvalidOperationException(
                $"The figure table and {nameof(MetricSet)} disagree: not in the table: [{string.Join(", ", unnamed)}]; not in the answer: [{string.Join(", ", missing)}].");
        }

        var value = Expression.Parameter(typeof(long), "value");
        return [.. FigureTable.Slots.Select(path => (
            Expression.Lambda<Func<MetricSet, long>>(leaves[path], root).Compile(),
            Expression.Lambda<Action<MetricSet, long>>(Expression.Assign(leaves[path], value), root, value).Compile()))];

        void Collect(Expression at, string path)
        {
            foreach (var property in HierarchyJson.Options.GetTypeInfo(at.Type).Properties)
            {
                var member = Expression.Property(at, (PropertyInfo)property.AttributeProvider!);
                var name = path + property.Name;
                if (property.PropertyType == typeof(long)) leaves.Add(name, member);
                else Collect(member, name + ".");
            }
        }
    }
}

/// <summary>How days, levels and figures pack into the keys of a <see cref="FigureDelta"/>.</summary>
internal static class FigureKeys
{
    /// <summary>A counter: day number in the high bits, then the slot (level × figures + figure).</summary>
    public static long Counter(int dayNumber, int slot) => ((long)dayNumber << 8) | (uint)slot;

    public static int DayOf(long counterKey) => (int)(counterKey >> 8);

    public static int SlotOf(long counterKey) => (int)(counterKey & 0xFF);

    /// <summary>
    /// A registration point: an organization registered on <paramref name="day"/> and, before that,
    /// last on <paramref name="previousDay"/> (0 for never). An organization has a registration in
    /// [from, to] exactly when one of its points has from ≤ day ≤ to and previousDay &lt; from, so
    /// counting points counts organizations, additively across subtrees.
    /// </summary>
    public static long Point(int level, int day, int previousDay) => ((long)level << 56) | ((long)day << 28) | (uint)previousDay;

    public static (int Level, int Day, int PreviousDay) Unpack(long pointKey) =>
        ((int)(pointKey >> 56), (int)((pointKey >> 28) & 0xFFF_FFFF), (int)(pointKey & 0xFFF_FFFF));
}
