using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Metrics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// The last answer of each figure read (kind, organization, period) as the UTF-8 bytes sent, with the
/// stamp of the state it was read from and the ETag derived from that stamp. While the organization's
/// state is still the stamped one the bytes are sent again (or 304 to a client that has them) with
/// nothing rebuilt or serialized: known without a call when the organization is on this silo and
/// has published that stamp as settled (<see cref="SettledAnswers"/>), else by asking it.
/// </summary>
/// <remarks>
/// The answers do not depend on who asks: the scope filter has decided whether the caller may read
/// the organization before the handler runs. Bounded by <see cref="Capacity"/> answers and
/// <see cref="CapacityBytes"/> (a client asking many periods of a large drill-down must not fill the
/// memory): when full it starts afresh, which costs each read one rebuild.
/// </remarks>
public sealed class AnswerCache(IOptions<JsonOptions> json, SettledAnswers settled)
{
    public const int Capacity = 4096;

    public const long CapacityBytes = 32L << 20;

    private readonly ConcurrentDictionary<AnswerKey, CachedAnswer> _answers = new();

    /// <summary>The bytes kept since the last fresh start, counting replaced answers too, so that it errs towards starting afresh.</summary>
    private long _bytes;

    /// <summary>
    /// The answer of <paramref name="key"/>: the kept one while the organization has published its
    /// stamp as settled; otherwise <paramref name="read"/> asks the organization with the
    /// stamp of the kept answer, and gets its current stamp with nothing else while that answer is
    /// still current; otherwise the answer it gets is made a response by <paramref name="respond"/>,
    /// serialized once and kept. Null when the organization does not exist.
    /// </summary>
    public async Task<CachedAnswer?> Read<TAnswer, TResponse>(
        AnswerKey key, Func<AnswerStamp, Task<(AnswerStamp Stamp, TAnswer? Answer)?>> read, Func<TAnswer, Task<TResponse>> respond) where TAnswer : class
    {
        _answers.TryGetValue(key, out var kept);
        if (kept is not null && settled.IsCurrent(key.OrgId, kept.Stamp)) return kept;

        // A second round only when the kept answer went meanwhile; no state has the default stamp, so it gets an answer.
        for (var seen = kept?.Stamp ?? default; ; seen = default)
        {
            if (await read(seen) is not { } result)
            {
                _answers.TryRemove(key, out _);
                return null;
            }

            if (result.Answer is { } answer) return Keep(key, result.Stamp, await respond(answer));
            if (_answers.TryGetValue(key, out kept) && kept.Stamp == result.Stamp) return kept;
        }
    }

    private CachedAnswer Keep<T>(AnswerKey key, AnswerStamp stamp, T response)
    {
        var answer = new CachedAnswer(stamp, JsonSerializer.SerializeToUtf8Bytes(response, json.Value.SerializerOptions), ETagOf(key, stamp));
        if (_answers.Count >= Capacity || Interlocked.Add(ref _bytes, answer.Utf8Json.Length) > CapacityBytes)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _bytes, answer.Utf8Json.Length);
        }

        _answers[key] = answer;
        return answer;
    }

    /// <summary>Opaque and short: a digest of the stamp (which names organizations' activations) and of the read, so that no two reads share one.</summary>
    private static string ETagOf(AnswerKey key, AnswerStamp stamp)
    {
        Span<byte> parts = stackalloc byte[64];
        stamp.Activation.TryWriteBytes(parts);
        BitConverter.TryWriteBytes(parts[16..], stamp.Own);
        BitConverter.TryWriteBytes(parts[24..], stamp.Subtree);
        stamp.Guard.TryWriteBytes(parts[32..]);
        BitConverter.TryWriteBytes(parts[48..], stamp.GuardEpoch);
        BitConverter.TryWriteBytes(parts[56..], key.Period.From?.DayNumber ?? -1);
        BitConverter.TryWriteBytes(parts[60..], key.Period.To?.DayNumber ?? -1);
        Span<byte> digest = stackalloc byte[32];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(parts);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{key.Kind}/{key.OrgId}"));
        hash.GetHashAndReset(digest);
        return $"\"{Convert.ToBase64String(digest[..15]).Replace('+', '-').Replace('/', '_')}\"";
    }
}

/// <summary>Which read an answer is of: its kind (the endpoint), the organization and the period.</summary>
public readonly record struct AnswerKey(string Kind, string OrgId, Period Period);

/// <summary>An answer's bytes as sent, the stamp of the state they describe, and their ETag.</summary>
public sealed record CachedAnswer(AnswerStamp Stamp, byte[] Utf8Json, string ETag);
