using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// The registration both databases share: the Orleans ADO.NET grain storage under a name of its
/// own, with writes group-committed, exposed (optionally wrapped) under the name grains ask for.
/// </summary>
internal static class AdoNetGrainStorage
{
    public static void Add(
        ISiloBuilder builder, string name, string invariant, Func<IServiceProvider, string> connectionString,
        Func<string, GroupCommitDialect> dialect, Func<IGrainStorage, IGrainStorage>? wrap)
    {
        var adoNetName = name + ".adonet";
        builder.AddAdoNetGrainStorage(adoNetName, options => options.Invariant = invariant);
        builder.Services.AddKeyedSingleton(name, (services, _) => new GroupCommitWriter(
            dialect(connectionString(services)), services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
        {
            var storage = new GroupCommitGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(adoNetName),
                services.GetRequiredKeyedService<GroupCommitWriter>(name),
                services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(adoNetName).GrainStorageSerializer);
            return wrap?.Invoke(storage) ?? storage;
        });
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            new WriterStart(services.GetRequiredKeyedService<GroupCommitWriter>(name)));

        // Orleans' own binary format honours [Id] and [Alias], so stored state survives renames
        // and polymorphic records round-trip exactly.
        builder.Services.AddOptions<AdoNetGrainStorageOptions>(adoNetName)
            .Configure<IServiceProvider>((options, services) =>
            {
                options.ConnectionString = connectionString(services);
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
            });
    }

    /// <summary>Starts the writer where the provider itself initializes, after the schema is in place.</summary>
    private sealed class WriterStart(GroupCommitWriter writer) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(GroupCommitWriter), ServiceLifecycleStage.ApplicationServices, writer.StartAsync);
    }
}
