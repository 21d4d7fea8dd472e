using System.Net;
using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Persistence;
using DongDa.Hierarchy.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// The silo co-hosted with the API. On the embedded default it is a one-silo cluster on a SQLite
/// file; on PostgreSQL it joins the other silos through the membership table there.
/// </summary>
public static class SiloHosting
{
    /// <summary>Membership timing, under <c>Hierarchy:Membership</c>; see <see cref="MembershipTiming"/>.</summary>
    public const string MembershipSection = HierarchyHostOptions.Section + ":Membership";

    /// <summary>Timeouts of grain calls, runtime calls and placement, under <c>Hierarchy:Messaging</c>; see <see cref="MessagingTiming"/>.</summary>
    public const string MessagingSection = HierarchyHostOptions.Section + ":Messaging";

    public static WebApplicationBuilder AddHierarchySilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HierarchyHostOptions>()
            .BindConfiguration(HierarchyHostOptions.Section)
            .Validate(HierarchyHostOptions.HasConnectionStringForStorage, HierarchyHostOptions.MissingConnectionString)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HierarchyHostOptions>, SiloAddressCheck>();
        builder.Services.AddSingleton(TimeProvider.System);
        // The storage choice decides which providers exist, so it is read from configuration now;
        // connection strings and ports are read from options when the silo starts.
        var configured = builder.Configuration.GetSection(HierarchyHostOptions.Section).Get<HierarchyHostOptions>() ?? new HierarchyHostOptions();
        var storage = configured.Storage;
        if (storage == StorageKind.Sqlite)
        {
            // Taken now, before anything is built; made a service so that disposing the host lets
            // it go. Silos on PostgreSQL keep nothing in the folder but the development key, which
            // they may share.
            var folderLock = DataFolderLock.Take(configured.DataDirectory);
            builder.Services.AddSingleton(_ => folderLock);
            builder.Services.ResolveBeforeStart<DataFolderLock>();
        }

        if (configured.HttpUrl is { Length: > 0 } url) builder.WebHost.UseUrls(url);

        builder.UseOrleans(silo =>
        {
            silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<HierarchyHostOptions>>((cluster, host) =>
            {
                cluster.ServiceId = host.Value.ServiceId;
                cluster.ClusterId = host.Value.ClusterId;
            });
            // Grain calls become spans of the request that caused them, and rollups count their calls.
            silo.AddActivityPropagation();
            silo.AddIncomingGrainCallFilter<RollupCallCounter>();
            silo.AddHierarchyGrains();
            silo.AddDashboard();
            silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<HierarchyHostOptions>>((endpoints, host) =>
            {
                var address = host.Value.SiloAddress;
                endpoints.AdvertisedIPAddress = address;
                endpoints.SiloPort = host.Value.SiloPort;
                endpoints.GatewayPort = host.Value.GatewayPort;
                // Listening on the advertised address only: nothing else of the machine's reaches the silo.
                endpoints.SiloListeningEndpoint = new IPEndPoint(address, host.Value.SiloPort);
                endpoints.GatewayListeningEndpoint = new IPEndPoint(address, host.Value.GatewayPort);
            });
            if (configured.Kubernetes) silo.UseKubernetesHosting();

            if (storage == StorageKind.PostgreSql)
            {
                UsePostgreSql(silo);
            }
            else
            {
                UseSqlite(silo);
            }
        });

        if (storage == StorageKind.PostgreSql)
        {
            // Silos of a cluster sit behind a balancer: they leave it before they stop, and share the key ring that protects sessions.
            builder.Services.AddSingleton<GracefulLeave>();
            builder.Services.AddHostedService(services => services.GetRequiredService<GracefulLeave>());
            builder.Services.AddHealthChecks().AddCheck<GracefulLeave>("leaving", tags: ["ready"]);
            builder.Services.AddDataProtection().SetApplicationName(PostgreSqlKeyRing.ApplicationName);
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<HierarchyHostOptions>>((keys, host) =>
                keys.XmlRepository = new PostgreSqlKeyRing(host.Value.PostgreSqlConnectionString()));
        }

        // Registered after the silo so that it runs once the silo has started and before the server listens.
        builder.Services.AddHostedService<SeedWhenEnabled>();
        return builder;
    }

    private static void UseSqlite(ISiloBuilder silo)
    {
        silo.UseDevelopmentClustering((OptionsBuilder<DevelopmentClusterMembershipOptions> membership) =>
            membership.Configure<IOptions<HierarchyHostOptions>>((options, host) =>
                options.PrimarySiloEndpoint = new IPEndPoint(host.Value.SiloAddress, host.Value.SiloPort)));
        silo.AddSqliteGrainStorage(StorageNames.Hierarchy, services => Host(services).SqliteConnectionString());
    }

    private static void UsePostgreSql(ISiloBuilder silo)
    {
        static string ConnectionString(IServiceProvider services) => Host(services).PostgreSqlConnectionString();
        silo.AddPostgreSqlSchema(ConnectionString);
        silo.UsePostgreSqlClustering(ConnectionString);
        silo.AddPostgreSqlGrainStorage(StorageNames.Hierarchy, ConnectionString);
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(MembershipTiming.Apply)
            .BindConfiguration(MembershipSection)
            .PostConfigure<IConfiguration>((options, configuration) => MembershipTiming.BoundProbes(options, configuration.GetSection(MembershipSection)));
        silo.Services.AddOptions<SiloMessagingOptions>()
            .Configure(MessagingTiming.Apply)
            .BindConfiguration(MessagingSection);
    }

    private static HierarchyHostOptions Host(IServiceProvider services) => services.GetRequiredService<IOptions<HierarchyHostOptions>>().Value;

    private sealed class SeedWhenEnabled(IOptions<HierarchyHostOptions> options, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => options.Value.SeedOnStart
            ? ActivatorUtilities.CreateInstance<SeedOnStartup>(services).StartAsync(cancellationToken)
            : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
