using System.Net;
using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Persistence;
using DongDa.Hierarchy.Seeding;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>The silo co-hosted with the API: localhost clustering and grain storage on the embedded SQLite file.</summary>
public static class SiloHosting
{
    public const string ServiceId = "dongda-hierarchy";
    public const string ClusterId = "dongda";

    public static WebApplicationBuilder AddHierarchySilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HierarchyHostOptions>().BindConfiguration(HierarchyHostOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(serviceId: ServiceId, clusterId: ClusterId);
            silo.AddSqliteGrainStorage(StorageNames.Hierarchy,
                services => services.GetRequiredService<IOptions<HierarchyHostOptions>>().Value.SqliteConnectionString());

            // Ports are read when the silo starts rather than here, so that settings supplied late
            // (tests, several local silos) are honoured.
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<HierarchyHostOptions>>((endpoints, host) =>
            {
                endpoints.AdvertisedIPAddress = IPAddress.Loopback;
                endpoints.SiloPort = host.Value.SiloPort;
                endpoints.GatewayPort = host.Value.GatewayPort;
            });
            silo.Services.AddOptions<DevelopmentClusterMembershipOptions>().Configure<IOptions<HierarchyHostOptions>>((membership, host) =>
                membership.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, host.Value.SiloPort));
        });

        // Registered after the silo so that it runs once the silo has started and before the server listens.
        builder.Services.AddHostedService<SeedWhenEnabled>();
        return builder;
    }

    private sealed class SeedWhenEnabled(IOptions<HierarchyHostOptions> options, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => options.Value.SeedOnStart
            ? ActivatorUtilities.CreateInstance<SeedOnStartup>(services).StartAsync(cancellationToken)
            : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
