using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Seeding;

/// <summary>Loads the embedded Đống Đa dataset when the host starts, before it serves requests.</summary>
public sealed class SeedOnStartup(IGrainFactory grains, ILogger<SeedOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dataset = Dataset.LoadEmbedded();
        var started = TimeProvider.System.GetTimestamp();
        var loaded = await new DatasetLoader(grains).LoadOnceAsync(dataset, cancellationToken);
        if (loaded)
        {
            logger.LogInformation("Loaded dataset {Version}: {Organizations} organizations, {Records} records in {Elapsed}",
                Dataset.Version, dataset.Organizations.Count, dataset.Records.Count, TimeProvider.System.GetElapsedTime(started));
        }
        else
        {
            logger.LogInformation("Dataset {Version} already loaded; nothing to do", Dataset.Version);
        }

        await PreSum(dataset);
    }

    /// <summary>
    /// Summed once now, so that the first reader of a district, most likely on the page, does not
    /// wait for every organization to wake. Only a head start: a failure leaves the sum to that
    /// first reader rather than stopping the host.
    /// </summary>
    private async Task PreSum(Dataset dataset)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            foreach (var root in dataset.Roots)
            {
                await grains.GetGrain<IOrganizationGrain>(root).Drilldown(Dataset.Term);
            }

            logger.LogInformation("Summed the dataset's districts in {Elapsed}", TimeProvider.System.GetElapsedTime(started));
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or System.Data.Common.DbException)
        {
            logger.LogWarning(exception, "Could not sum the dataset's districts at start; the first reader will");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
