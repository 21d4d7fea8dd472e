using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>The registration both databases share: the Orleans ADO.NET grain storage under a name of its own, exposed decorated under the name grains ask for.</summary>
internal static class AdoNetGrainStorage
{
    public static void Add(
        ISiloBuilder builder, string name, string invariant, Func<IServiceProvider, string> connectionString, Func<IGrainStorage, IGrainStorage> decorate)
    {
        var adoNetName = name + ".adonet";
        builder.AddAdoNetGrainStorage(adoNetName, options => options.Invariant = invariant);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => decorate(services.GetRequiredKeyedService<IGrainStorage>(adoNetName)));

        // Orleans' own binary format honours [Id] and [Alias], so stored state survives renames
        // and polymorphic records round-trip exactly.
        builder.Services.AddOptions<AdoNetGrainStorageOptions>(adoNetName)
            .Configure<IServiceProvider>((options, services) =>
            {
                options.ConnectionString = connectionString(services);
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
            });
    }
}
