using System.Collections.Concurrent;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>Records the organization grain calls (in either role) a silo receives while recording is on.</summary>
public sealed class GrainCallLog : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string GrainId, string Method)> _calls = new();
    private volatile bool _recording;

    public IDisposable Record()
    {
        _calls.Clear();
        _recording = true;
        return new Stop(this);
    }

    public IReadOnlyList<(string GrainId, string Method)> OrganizationCalls => [.. _calls];

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (_recording && context.InterfaceMethod?.DeclaringType is { } role && (role == typeof(IOrganizationGrain) || role == typeof(IOrganizationMember)))
        {
            _calls.Enqueue((context.TargetId.Key.ToString()!, context.MethodName));
        }

        await context.Invoke();
    }

    private sealed class Stop(GrainCallLog log) : IDisposable
    {
        public void Dispose() => log._recording = false;
    }
}
