using System.Text.Json.Serialization;
using DongDa.Hierarchy.Audit;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>A page of the audit trail.</summary>
public sealed record AuditListResponse(IReadOnlyList<AuditEntryResponse> Items, string? Next)
{
    public static AuditListResponse From(AuditPage page) =>
        new(page.Items.Select(AuditEntryResponse.From).ToList(), page.Next is { } next ? AuditCursor.Encode(next) : null);
}

/// <summary>
/// One accepted write: when, who (the token's subject), which organization, what, the record, for
/// moves the parents, for a correction the fields it changed and for a withdrawal its reason, and
/// for a change of an account acting for the organization its user name.
/// </summary>
public sealed record AuditEntryResponse(
    DateTimeOffset At, string Subject, string OrgId, AuditAction Action, string Kind, string? RecordId, string? FromParentId, string? ToParentId)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<FieldChange>? Changes { get; init; }

    /// <summary>For a change of an account acting for the organization, its user name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Account { get; init; }

    public static AuditEntryResponse From(AuditEntry entry) =>
        new(entry.At, entry.Subject, entry.OrgId, entry.Action, entry.Kind, entry.RecordId, entry.FromParentId, entry.ToParentId)
        {
            Reason = entry.Reason,
            Changes = entry.Changes,
            Account = entry.Account,
        };
}
