using System.Globalization;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Audit;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// The changes of the accounts acting for an organization, woven into its audit trail. Each account
/// keeps its own history, written with each change, so the organization's trail reads them from the
/// accounts that name it now; an account moved elsewhere takes its history with it.
/// </summary>
internal static class AccountAudit
{
    /// <summary>The organization's page with the account changes that fall in it, in the trail's order, no longer than the limit.</summary>
    public static async Task<AuditPage> Weave(IGrainFactory grains, string orgId, AuditPage page, AuditQuery query)
    {
        var entries = new List<AuditEntry>(page.Items);
        foreach (var account in await grains.GetGrain<IAccountDirectoryGrain>(0).List())
        {
            if (!account.Orgs.Contains(orgId)) continue;
            var history = await grains.GetGrain<IAccountGrain>(account.UserName).GetHistory();
            entries.AddRange(history.Select((change, number) => Entry(orgId, account.UserName, change, number)).Where(entry => Within(entry, query)));
        }

        // The organization's page holds its first entries after the cursor, so the first ones of both together are among these.
        var ordered = entries.OrderBy(entry => entry.At).ThenBy(entry => entry.Key, StringComparer.Ordinal).ToList();
        if (page.Next is null && ordered.Count <= query.Limit) return new AuditPage { Items = ordered };
        var items = ordered[..Math.Min(query.Limit, ordered.Count)];
        return new AuditPage { Items = items, Next = new AuditPosition { At = items[^1].At, Key = items[^1].Key } };
    }

    private static AuditEntry Entry(string orgId, string userName, AccountChange change, int number) => new()
    {
        At = change.At,
        Subject = change.Subject,
        OrgId = orgId,
        Action = change.Action,
        Kind = "account",
        Account = userName,
        Key = "a" + userName + "#" + number.ToString("D6", CultureInfo.InvariantCulture),
        Changes = change.Changes,
    };

    private static bool Within(AuditEntry entry, AuditQuery query) =>
        query.Period.Contains(DateOnly.FromDateTime(entry.At.UtcDateTime))
        && (query.After is not { } after || entry.At > after.At || (entry.At == after.At && string.CompareOrdinal(entry.Key, after.Key) > 0));
}
