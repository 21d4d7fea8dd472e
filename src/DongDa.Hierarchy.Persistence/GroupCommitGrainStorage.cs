using Orleans.Runtime;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// Grain storage whose writes share transactions (<see cref="GroupCommitWriter"/>); reads and
/// clears go to the Orleans ADO.NET provider, which finds the same rows.
/// </summary>
internal sealed class GroupCommitGrainStorage(IGrainStorage adoNet, GroupCommitWriter writer, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        adoNet.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = await writer.Write(StorageRowKey.For(stateName, grainId), grainState.ETag, payload);

        // As the provider decides: no new version, or the same one, means the row was not where this activation left it.
        if (string.IsNullOrEmpty(version) || version == grainState.ETag)
        {
            throw new InconsistentStateException(
                $"The {stateName} state of {grainId} was not at version {grainState.ETag ?? "(none)"} when written.", version, grainState.ETag);
        }

        grainState.ETag = version;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        adoNet.ClearStateAsync(stateName, grainId, grainState);
}
