using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's side of "a child changed": telling its parent, and the parents it left, that
/// its subtree changed, and retrying after a failure until it succeeds.
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
    /// The last telling of the parent. A change made while it is in flight joins it rather than
    /// sending another (it was applied before it joined, so the parent's next question finds it);
    /// once it has ended, the next change tells again. Skipping the parent because it was told
    /// earlier would acknowledge a write while an ancestor above it still owes its own parent (a
    /// failed move leaves it so), and the write would be missing at the root until the retry.
    /// </summary>
    private Task? _telling;

    /// <summary>Retries telling the parent (or former parents) after a failure; null when none is owed.</summary>
    private IGrainTimer? _retelling;

    /// <summary>The wait before the next retry, doubled after each failure up to <see cref="RetellAtMost"/>.</summary>
    private TimeSpan _retellAfter;

    /// <summary>The parent asked, or a new parent knows nothing yet: no telling in flight may stand for changes from here on.</summary>
    public void Reopen() => _telling = null;

    /// <summary>Tells the parent, and through it every ancestor, that this subtree changed.</summary>
    public async Task TellParent()
    {
        if (parentId() is not { } parent) return;
        if (_telling is not { IsCompleted: false }) _telling = Member(parent).ChildChanged(orgId);
        var telling = _telling;
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
    /// <summary>
    /// Tells the parent when the organization cannot fail over it: while it activates (failing the
    /// activation over an unreachable parent would make its records unreadable and forget that the
    /// parent is owed), or after a write failed part-way (the parent's next rollup asks again, so
    /// what the failed write stored is read as it is). A failure is logged and left to the retry timer.
    /// </summary>
    public async Task TellParentBestEffort(string why)
    {
        try
        {
            await TellParent();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Organization {OrgId} {Why} but could not tell its parent yet", orgId, why);
        }
    }

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
