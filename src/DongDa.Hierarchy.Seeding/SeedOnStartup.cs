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

        // Summed once now, so that the first reader of a district, most likely on the page, does not wait for every organization to wake.
        started = TimeProvider.System.GetTimestamp();
        foreach (var root in dataset.Organizations.Where(org => org.ParentId is null))
        {
            await grains.GetGrain<IOrganizationGrain>(root.Id).Drilldown(Dataset.Term);
        }

        logger.LogInformation("Summed the dataset's districts in {Elapsed}", TimeProvider.System.GetElapsedTime(started));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
