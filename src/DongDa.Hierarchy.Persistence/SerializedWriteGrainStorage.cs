using Orleans.Runtime;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// Lets one write at a time through to a SQLite database. SQLite has a single writer; without a
/// queue, concurrent writers wait in its busy handler, which retries by sleeping and serves no one
/// in order, so under load some writes time out ("database is locked") while others pass. Waiting
/// here instead is first come, first served and wastes no time sleeping. Reads are not held up.
/// </summary>
internal sealed class SerializedWriteGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Alone(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Alone(() => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task Alone(Func<Task> write)
    {
        await _writer.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            _writer.Release();
        }
    }
}
