namespace DongDa.Hierarchy.PageTiming;

/// <summary>Milliseconds of repeated measurements, summarized as median, 90th percentile and maximum.</summary>
public sealed class Timings
{
    private readonly List<double> _milliseconds = [];

    public void Add(double milliseconds) => _milliseconds.Add(milliseconds);

    public override string ToString()
    {
        var sorted = _milliseconds.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return sorted.Count == 0 ? "-" : $"{At(0.5),6:F0} {At(0.9),6:F0} {sorted[^1],6:F0}  (n={sorted.Count})";
    }
}
