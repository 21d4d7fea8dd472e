using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongDa.Hierarchy.Grains;

/// <summary>What the hierarchy's grains need from the silo they run in.</summary>
public static class HierarchyGrainsExtensions
{
    public static ISiloBuilder AddHierarchyGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<SiloLosses>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SiloLosses>());
        return silo;
    }
}
