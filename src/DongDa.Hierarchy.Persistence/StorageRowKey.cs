using System.Collections.Concurrent;
using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// The columns that find a grain's row in <c>OrleansStorage</c>, computed as the Orleans ADO.NET
/// provider computes them (its default hasher, no custom hash picker), so that a row written in a
/// group commit is the row the provider reads, and one the provider wrote is the row updated.
/// <c>StoredStateTests</c> reads a store the provider alone wrote, and every read here goes through
/// the provider, so a difference would show at once.
/// </summary>
internal readonly record struct StorageRowKey(int GrainIdHash, long N0, long N1, int GrainTypeHash, string GrainType, string? Extension)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    /// <summary>The hash of each state name, computed once: every write of a state of that name needs it.</summary>
    private static readonly ConcurrentDictionary<string, int> StateNameHashes = new(StringComparer.Ordinal);

    /// <summary>The key of the state <paramref name="stateName"/> of <paramref name="grainId"/>; state names here are plain (no generic type names).</summary>
    public static StorageRowKey For(string stateName, GrainId grainId)
    {
        long n0 = 0, n1 = 0;
        string? extension;
        byte[] hashBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var bytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(bytes, 0);
            n1 = BitConverter.ToInt64(bytes, 8);
            hashBytes = WithExtension(bytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            hashBytes = WithExtension(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            extension = grainId.Key.ToString();
            hashBytes = Encoding.UTF8.GetBytes(extension);
        }

        if (BitConverter.IsLittleEndian) Array.Reverse(hashBytes);
        var stateNameHash = StateNameHashes.GetOrAdd(stateName, name => Hasher.Hash(Encoding.UTF8.GetBytes(name)));
        return new StorageRowKey(Hasher.Hash(hashBytes), n0, n1, stateNameHash, stateName, extension);
    }

    private static byte[] WithExtension(byte[] key, string? extension) =>
        extension is null ? key : [.. key, .. Encoding.UTF8.GetBytes(extension)];
}
