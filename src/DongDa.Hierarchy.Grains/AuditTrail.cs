using System.Globalization;
using System.Text.Json;
using DongDa.Hierarchy.Audit;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's audit trail: the entries of its own changes, kept in its state, and one per
/// record, read from the record itself (who and when are stamped on every stored record).
/// </summary>
internal static class AuditTrail
{
    public static AuditEntry Change(string orgId, string actor, OrgDetails? current, OrgDetails details, int number, DateTimeOffset at) => new()
    {
        At = at,
        Subject = actor,
        OrgId = orgId,
        Action = current is null ? AuditAction.Created : current.ParentId != details.ParentId ? AuditAction.Moved : AuditAction.Updated,
        Kind = "organization",
        Key = "o" + number.ToString("D9", CultureInfo.InvariantCulture),
        FromParentId = current is not null && current.ParentId != details.ParentId ? current.ParentId : null,
        ToParentId = current is null || current.ParentId != details.ParentId ? details.ParentId : null,
    };

    public static AuditPage Page(string orgId, IEnumerable<AuditEntry> changes, IEnumerable<OrgRecord> records, AuditQuery query)
    {
        var entries = changes.Concat(records.Select(record => new AuditEntry
            {
                At = record.RecordedAt,
                Subject = record.RecordedBy ?? AuditActor.System,
                OrgId = orgId,
                Action = AuditAction.Recorded,
                Kind = JsonNamingPolicy.CamelCase.ConvertName(record.Kind.ToString()),
                RecordId = record.RecordId,
                Key = "r" + record.RecordId,
            }))
            .Where(entry => query.Period.Contains(DateOnly.FromDateTime(entry.At.UtcDateTime)) && IsAfter(entry, query.After))
            .OrderBy(entry => entry.At)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal);
        var (items, last) = KeysetPage.Take(entries, query.Limit);
        return new AuditPage { Items = items, Next = last is null ? null : new AuditPosition { At = last.At, Key = last.Key } };
    }

    private static bool IsAfter(AuditEntry entry, AuditPosition? position) =>
        position is null || entry.At > position.At || (entry.At == position.At && string.CompareOrdinal(entry.Key, position.Key) > 0);
}
