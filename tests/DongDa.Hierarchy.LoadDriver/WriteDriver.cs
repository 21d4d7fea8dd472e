using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DongDa.Hierarchy.LoadDriver;

/// <summary>
/// Closed-loop writers: each connection posts a new record, waits for the answer, and posts the
/// next, cycling through organizations and record kinds. Record ids are new on every run, so every
/// post stores a record.
/// </summary>
public sealed class WriteDriver(DriverOptions options, IReadOnlyList<string> targets)
{
    private static readonly string[] Kinds = ["study-sessions", "inspections", "supervisions", "study-registrations", "commendations", "mass-mobilization"];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public async Task<DriveResult> Run(TimeSpan duration, bool measure)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Connections).Select(worker => Task.Run(() => Write(client, worker, clock, duration))).ToArray();
        var results = await Task.WhenAll(workers);
        return DriveResult.Combine(results, clock.Elapsed, measure);
    }

    private async Task<WorkerResult> Write(HttpClient client, int worker, Stopwatch clock, TimeSpan duration)
    {
        var result = new WorkerResult();
        for (var n = 0; clock.Elapsed < duration; n++)
        {
            var index = worker + n * options.Connections;
            var org = targets[index % targets.Count];
            var kind = Kinds[index / targets.Count % Kinds.Length];
            using var content = new ByteArrayContent(Body(kind, $"load-{_run}-{worker}-{n}", index));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync($"/api/v1/orgs/{org}/{kind}", content);
                if (response.StatusCode == HttpStatusCode.Created) result.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else result.Errors.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                result.Errors.Add(exception.Message);
            }
        }

        return result;
    }

    private static byte[] Body(string kind, string recordId, int index)
    {
        var date = new DateOnly(2021, 1, 1).AddDays(index % 1400).ToString("yyyy-MM-dd");
        var fields = kind switch
        {
            "study-sessions" => $"\"document\":\"Nghị quyết\",\"classes\":{1 + index % 3},\"attendees\":{20 + index % 50}",
            "inspections" => "\"target\":\"organization\",\"targetName\":\"Chi bộ\",\"topic\":\"Kiểm tra\",\"violation\":false,\"discipline\":\"none\"",
            "supervisions" => "\"target\":\"individual\",\"targetName\":\"Đồng chí A\",\"mode\":\"thematic\",\"topic\":\"Giám sát\"",
            "study-registrations" => $"\"members\":{index % 40}",
            "commendations" => "\"program\":\"hoChiMinhStudy\",\"recipient\":\"collective\",\"recipientName\":\"Chi bộ\",\"level\":\"district\"",
            _ => "\"registrant\":\"collective\",\"registrantName\":\"Tổ dân phố\",\"level\":\"grassroots\",\"models\":[{\"name\":\"Mô hình\",\"field\":\"economy\"}]",
        };
        return Encoding.UTF8.GetBytes($"{{\"recordId\":\"{recordId}\",\"date\":\"{date}\",{fields}}}");
    }
}

/// <summary>One connection's answers.</summary>
public sealed class WorkerResult
{
    public List<double> Latencies { get; } = [];
    public List<string> Errors { get; } = [];
}

/// <summary>All connections' answers over one run.</summary>
public sealed record DriveResult(int Writes, int Errors, double Seconds, double P50, double P90, double P99, double Max, string? FirstError)
{
    public static DriveResult Combine(IReadOnlyList<WorkerResult> workers, TimeSpan elapsed, bool measured)
    {
        var latencies = workers.SelectMany(worker => worker.Latencies).Order().ToArray();
        var errors = workers.SelectMany(worker => worker.Errors).ToList();
        double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        return new DriveResult(latencies.Length, errors.Count, elapsed.TotalSeconds, At(0.5), At(0.9), At(0.99),
            latencies.LastOrDefault(), errors.FirstOrDefault()) { Measured = measured };
    }

    public bool Measured { get; init; }

    public override string ToString() =>
        $"{(Measured ? "Measured" : "Warm-up")}: {Writes} writes acknowledged (201) in {Seconds:F1} s = {Writes / Seconds:F0} writes/s; "
        + $"latency p50 {P50:F2} ms, p90 {P90:F2} ms, p99 {P99:F2} ms, max {Max:F1} ms; errors {Errors}"
        + (FirstError is null ? "" : $" (first: {FirstError})");
}
