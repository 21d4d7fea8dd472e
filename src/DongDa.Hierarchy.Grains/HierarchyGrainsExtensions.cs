using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongDa.Hierarchy.Grains;

/// <summary>What the hierarchy's grains need from the silo they run in.</summary>
public static class HierarchyGrainsExtensions
{
    /// <summary>Registers the clock, the grain references, the settled answers and the watch for dead silos that organization grains depend on, and the retry of rejected calls; calling it again adds nothing.</summary>
    public static ISiloBuilder AddHierarchyGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton(typeof(GrainReferences<>));
        silo.Services.TryAddSingleton(services =>
        {
            var losses = services.GetRequiredService<SiloLosses>();
            return new SettledAnswers(() => losses.Count);
        });
        if (silo.Services.Any(service => service.ServiceType == typeof(SiloLosses))) return silo;
        silo.Services.AddSingleton<SiloLosses>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<SiloLosses>());
        silo.AddOutgoingGrainCallFilter<RejectedCallRetry>();
        return silo;
    }
}
