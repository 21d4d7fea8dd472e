using Orleans.Storage;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// Wraps the real SQLite storage and fails one chosen write: either before it reaches the database
/// (nothing stored) or after it committed (stored, but the caller hears an error, as on a timeout).
/// </summary>
public sealed class FaultInjectingStorage : IGrainStorage
{
    private IGrainStorage? _inner;
    private (string StateName, string GrainKey, bool AfterCommit)? _fault;
    private volatile string? _refused;

    public IGrainStorage Wrap(IGrainStorage inner)
    {
        _inner = inner;
        return this;
    }

    /// <summary>The next write of <paramref name="stateName"/> for the grain keyed <paramref name="grainKey"/> fails.</summary>
    public void FailNextWrite(string stateName, string grainKey, bool afterCommit) => _fault = (stateName, grainKey, afterCommit);

    /// <summary>Every write of <paramref name="stateName"/> fails before it reaches the database until <see cref="Clear"/>.</summary>
    public void FailAllWrites(string stateName) => _refused = stateName;

    /// <summary>No write fails any more, including one chosen that was never made.</summary>
    public void Clear()
    {
        _fault = null;
        _refused = null;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _inner!.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName == _refused) throw new TimeoutException($"Injected failure of every write of {stateName}.");
        var fault = _fault;
        var hit = fault is { } f && f.StateName == stateName && grainId.Key.ToString() == f.GrainKey;
        if (hit) _fault = null;
        if (hit && !fault!.Value.AfterCommit) throw new TimeoutException($"Injected failure before writing {stateName} of {grainId}.");
        await _inner!.WriteStateAsync(stateName, grainId, grainState);
        if (hit) throw new TimeoutException($"Injected failure after writing {stateName} of {grainId}.");
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _inner!.ClearStateAsync(stateName, grainId, grainState);
}
