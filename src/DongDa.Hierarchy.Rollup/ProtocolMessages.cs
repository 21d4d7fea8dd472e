namespace DongDa.Hierarchy.Rollup;

/// <summary>
/// A version of a subtree's figures: the activation that numbered it, and its number there.
/// Numbers start again with every activation, so a number alone could name two different states.
/// </summary>
public readonly record struct SubtreeVersion(Guid Instance, long Number)
{
    /// <summary>What a parent knows of a child it has never heard from.</summary>
    public static SubtreeVersion Unknown { get; } = new(Guid.Empty, -1);
}

/// <summary>
/// A child's answer to its parent's "what changed since this version?": not a member (it names
/// another parent), the change since that version, or, when it cannot give that (it was
/// reactivated, or its previous answer was lost), everything; settled when everything the child
/// has stored below it is in the answer.
/// </summary>
public readonly record struct ChildAnswer<TDelta, TChild>(bool Member, SubtreeVersion Version, bool IsFull, TDelta Delta, TChild? Child, bool Settled);

/// <summary>
/// The calls a refresh must make: ask each of <see cref="Ask"/> for its changes since the version
/// given with it. A rebuild asks every linked child for everything (version -1).
/// </summary>
public sealed class RefreshPlan
{
    internal RefreshPlan(bool rebuild, IReadOnlyList<(string ChildId, SubtreeVersion Known)> ask, long upTo, long losses, long holdsBefore)
    {
        IsRebuild = rebuild;
        Ask = ask;
        UpTo = upTo;
        Losses = losses;
        HoldsBefore = holdsBefore;
    }

    public bool IsRebuild { get; }

    public IReadOnlyList<(string ChildId, SubtreeVersion Known)> Ask { get; }

    /// <summary>The count of changes told before the plan was made, which it covers once it completes.</summary>
    internal long UpTo { get; }

    /// <summary>Silo losses seen when the plan was made.</summary>
    internal long Losses { get; }

    /// <summary>The holds asked for before the plan was made: a later one outlives a settled answer.</summary>
    internal long HoldsBefore { get; }
}
