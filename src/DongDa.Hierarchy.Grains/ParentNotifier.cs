using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's side of "a child changed": telling its parent, and the parents it left, that
/// its subtree changed, once until the parent asks, and retrying after a failure until it succeeds.
/// </summary>
/// <param name="grain">The organization, whose turn the retry timer's ticks take.</param>
/// <param name="grains">Reaches the parents.</param>
/// <param name="orgId">The organization's id, as its parents know it.</param>
/// <param name="parentId">The parent its stored state names now, if any.</param>
/// <param name="logger">Where failed retries are told.</param>
internal sealed class ParentNotifier(Grain grain, IGrainFactory grains, string orgId, Func<string?> parentId, ILogger logger)
{
    private static readonly TimeSpan RetellFirst = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetellAtMost = TimeSpan.FromSeconds(30);

    /// <summary>Former parents not yet told that this organization left them.</summary>
    private readonly HashSet<string> _formerParents = new(StringComparer.Ordinal);

    /// <summary>
    /// Telling the parent of changes it has not yet asked for: in flight, or done. A change made
    /// meanwhile waits for it rather than skipping it, so that no write is acknowledged before its
    /// parent knows to ask.
    /// </summary>
    private Task? _telling;

    /// <summary>Retries telling the parent (or former parents) after a failure; null when none is owed.</summary>
    private IGrainTimer? _retelling;

    /// <summary>The wait before the next retry, doubled after each failure up to <see cref="RetellAtMost"/>.</summary>
    private TimeSpan _retellAfter;

    /// <summary>The parent asked, or a new parent knows nothing yet: changes from here on are told again.</summary>
    public void Reopen() => _telling = null;

    /// <summary>Tells the parent, unless it was told and has not asked since.</summary>
    public async Task TellParent()
    {
        if (parentId() is not { } parent) return;
        var telling = _telling ??= Member(parent).ChildChanged(orgId);
        try
        {
            await telling;
        }
        catch
        {
            if (ReferenceEquals(_telling, telling)) _telling = null;
            TellLater();
            throw;
        }
    }

    /// <summary>Tells a parent this organization has left, now and until it succeeds.</summary>
    public Task Left(string formerParentId)
    {
        _formerParents.Add(formerParentId);
        return TellFormerParents();
    }

    public async Task TellFormerParents()
    {
        foreach (var formerParentId in _formerParents.ToList())
        {
            try
            {
                await Member(formerParentId).ChildChanged(orgId);
            }
            catch
            {
                TellLater();
                throw;
            }

            _formerParents.Remove(formerParentId);
        }
    }

    private IOrganizationMember Member(string id) => grains.GetGrain<IOrganizationMember>(id);

    /// <summary>
    /// A change is stored but the parent could not be told: its caller hears of the failure, but may
    /// never retry, so the telling is retried here, less and less often, until it succeeds. The
    /// organization stays active meanwhile, because only it knows the parent is behind. Ticks take
    /// their turn like any call, so they never interleave with a move changing the former parents.
    /// </summary>
    private void TellLater()
    {
        if (_retelling is not null) return;
        _retellAfter = RetellFirst;
        _retelling = grain.RegisterGrainTimer(Retell, new GrainTimerCreationOptions(_retellAfter, _retellAfter) { KeepAlive = true });
    }

    private async Task Retell()
    {
        try
        {
            await TellFormerParents();
            await TellParent();
        }
        catch (Exception exception)
        {
            _retellAfter = TimeSpan.FromTicks(Math.Min(_retellAfter.Ticks * 2, RetellAtMost.Ticks));
            _retelling?.Change(_retellAfter, _retellAfter);
            logger.LogWarning(exception, "Organization {OrgId} still cannot tell its parent of a stored change; trying again in {Delay}", orgId, _retellAfter);
            return;
        }

        _retelling?.Dispose();
        _retelling = null;
    }
}
