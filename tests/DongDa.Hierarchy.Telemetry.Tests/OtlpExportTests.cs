using System.Collections.Concurrent;
using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Telemetry.Tests;

/// <summary>With the standard OTLP variable set, the host sends traces, metrics and logs to the collector it names.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Setting_OTEL_EXPORTER_OTLP_ENDPOINT_sends_traces_metrics_and_logs_over_OTLP()
    {
        var port = HostProcess.FreePorts(1)[0];
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentDictionary<string, int>();
        var listening = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                received.AddOrUpdate(context.Request.Url!.AbsolutePath, 1, (_, count) => count + 1);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        await using var store = new SqliteTestStore();
        await using (var host = await HostProcess.StartAsync("otlp", store, seed: false, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        }))
        {
            for (var attempt = 0; attempt < 100 && !(received.ContainsKey("/v1/traces") && received.ContainsKey("/v1/metrics") && received.ContainsKey("/v1/logs")); attempt++)
            {
                using var response = await host.Client.GetAsync("/api/v1/orgs/no-such-org/metrics");
                await Task.Delay(100);
            }
        }

        collector.Stop();
        await listening;
        Assert.Contains("/v1/traces", received.Keys);
        Assert.Contains("/v1/metrics", received.Keys);
        Assert.Contains("/v1/logs", received.Keys);
    }
}
