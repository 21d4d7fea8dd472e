using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Metrics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The host's kept answers: asked with the kept stamp, and bounded in bytes as well as in count.</summary>
public sealed class AnswerCacheTests
{
    private static AnswerStamp Stamp(long own) => new(Guid.NewGuid(), own, 0, Guid.NewGuid(), 0);

    private static async Task<AnswerStamp> SeenBy(AnswerCache cache, AnswerKey key, AnswerStamp current, string response)
    {
        var seen = default(AnswerStamp);
        await cache.Read<string, string>(key, asked =>
        {
            seen = asked;
            return Task.FromResult<(AnswerStamp, string?)?>((current, asked == current ? null : response));
        }, answer => Task.FromResult(answer));
        return seen;
    }

    [Fact]
    public async Task The_kept_stamp_is_asked_with_until_many_large_answers_have_been_kept_after_it()
    {
        var cache = new AnswerCache(Options.Create(new JsonOptions()), new SettledAnswers(() => 0));
        var district = new AnswerKey("drilldown", "dong-da", new Period());
        var stamp = Stamp(1);
        Assert.Equal(default, await SeenBy(cache, district, stamp, "district"));
        Assert.Equal(stamp, await SeenBy(cache, district, stamp, "district"));

        // Many periods of a large answer, far fewer than the count bound, more than the byte bound.
        var large = new string('x', 1 << 20);
        for (var day = 0; day < AnswerCache.CapacityBytes / large.Length + 1; day++)
        {
            var period = new Period { From = new DateOnly(2021, 1, 1).AddDays(day) };
            await SeenBy(cache, district with { Period = period }, Stamp(day), large);
        }

        Assert.Equal(default, await SeenBy(cache, district, stamp, "district"));
    }
}
