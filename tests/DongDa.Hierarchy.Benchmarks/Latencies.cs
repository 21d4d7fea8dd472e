using System.Diagnostics;

namespace DongDa.Hierarchy.Benchmarks;

/// <summary>Timings of repeated operations, summarized as median and 99th percentile.</summary>
public sealed class Latencies
{
    private readonly List<double> _microseconds = [];

    public static async Task<Latencies> Measure(int times, Func<int, Task> operation)
    {
        var latencies = new Latencies();
        for (var i = 0; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }

        return latencies;
    }

    public void Add(TimeSpan elapsed) => _microseconds.Add(elapsed.TotalMicroseconds);

    public double Median => Percentile(0.5);

    public double P99 => Percentile(0.99);

    private double Percentile(double q)
    {
        var sorted = _microseconds.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    public override string ToString() => $"{Format(Median)} / {Format(P99)}";

    public static string Format(double microseconds) => microseconds switch
    {
        < 1_000 => $"{microseconds:F1} µs",
        < 1_000_000 => $"{microseconds / 1_000:F2} ms",
        _ => $"{microseconds / 1_000_000:F2} s",
    };
}
