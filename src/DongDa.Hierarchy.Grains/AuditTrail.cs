using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        Changes = FieldChanges(current, details, typeof(OrgDetails)),
    };

    /// <summary>One page of the trail: the changes of the organization's details, and every revision of its records in the order stored.</summary>
    public static AuditPage Page(string orgId, IEnumerable<AuditEntry> changes, IEnumerable<OrgRecord> revisions, AuditQuery query)
    {
        var entries = changes.Concat(Revisions(orgId, revisions))
            .Where(entry => query.Period.Contains(DateOnly.FromDateTime(entry.At.UtcDateTime)) && IsAfter(entry, query.After))
            .OrderBy(entry => entry.At)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal);
        var (items, last) = KeysetPage.Take(entries, query.Limit);
        return new AuditPage { Items = items, Next = last is null ? null : new AuditPosition { At = last.At, Key = last.Key } };
    }

    /// <summary>An entry per revision: the record as first stored, each correction with the fields it changed, each withdrawal with its reason.</summary>
    private static IEnumerable<AuditEntry> Revisions(string orgId, IEnumerable<OrgRecord> revisions)
    {
        var previous = new Dictionary<string, OrgRecord>(StringComparer.Ordinal);
        foreach (var revision in revisions)
        {
            var before = previous.GetValueOrDefault(revision.RecordId);
            previous[revision.RecordId] = revision;
            yield return new AuditEntry
            {
                At = revision.RecordedAt,
                Subject = revision.RecordedBy ?? AuditActor.System,
                OrgId = orgId,
                Action = before is null ? AuditAction.Recorded : revision.IsWithdrawn ? AuditAction.Withdrawn : AuditAction.Corrected,
                Kind = JsonNamingPolicy.CamelCase.ConvertName(revision.Kind.ToString()),
                RecordId = revision.RecordId,
                Key = "r" + revision.RecordId + (revision.Revision == 0 ? "" : "#" + revision.Revision.ToString("D6", CultureInfo.InvariantCulture)),
                Reason = revision.WithdrawnReason,
                Changes = before is null || revision.IsWithdrawn ? null : FieldChanges(before, revision, revision.GetType(), "recordedAt", "recordedBy", "revision"),
            };
        }
    }

    /// <summary>The client's fields that differ between two versions (all of them for a first one), as JSON text; the server's stamps are left out.</summary>
    private static List<FieldChange> FieldChanges(object? before, object after, Type type, params string[] stamps)
    {
        var from = before is null ? [] : JsonSerializer.SerializeToNode(before, type, HierarchyJson.Options)!.AsObject();
        var to = JsonSerializer.SerializeToNode(after, type, HierarchyJson.Options)!.AsObject();
        return [.. from.Select(pair => pair.Key).Union(to.Select(pair => pair.Key))
            .Where(field => !stamps.Contains(field) && !JsonNode.DeepEquals(from[field], to[field]))
            .Select(field => new FieldChange { Field = field, From = from[field]?.ToJsonString(HierarchyJson.Text), To = to[field]?.ToJsonString(HierarchyJson.Text) })];
    }

    private static bool IsAfter(AuditEntry entry, AuditPosition? position) =>
        position is null || entry.At > position.At || (entry.At == position.At && string.CompareOrdinal(entry.Key, position.Key) > 0);
}
