namespace DongDa.Hierarchy.Audit;

/// <summary>One accepted write: who made it, when, to which organization, of what kind.</summary>
[GenerateSerializer, Immutable, Alias("dongda.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    /// <summary>The token's subject; <c>system</c> for writes made by the host itself, such as loading the dataset.</summary>
    [Id(1)] public required string Subject { get; init; }

    [Id(2)] public required string OrgId { get; init; }

    [Id(3)] public required AuditAction Action { get; init; }

    /// <summary><c>organization</c>, <c>account</c>, or the record kind.</summary>
    [Id(4)] public required string Kind { get; init; }

    [Id(5)] public string? RecordId { get; init; }

    /// <summary>Orders entries of the same instant; unique within one organization.</summary>
    [Id(6)] public required string Key { get; init; }

    /// <summary>For a move, the parent left.</summary>
    [Id(7)] public string? FromParentId { get; init; }

    /// <summary>For a creation or a move, the parent joined.</summary>
    [Id(8)] public string? ToParentId { get; init; }

    /// <summary>For a withdrawal, why.</summary>
    [Id(9)] public string? Reason { get; init; }

    /// <summary>For a correction, each field that changed, with its value before and after.</summary>
    [Id(10)] public IReadOnlyList<FieldChange>? Changes { get; init; }

    /// <summary>For a change of an account acting for the organization, its user name.</summary>
    [Id(11)] public string? Account { get; init; }
}

/// <summary>A field a correction changed, with its JSON value before and after (null when absent).</summary>
[GenerateSerializer, Immutable, Alias("dongda.FieldChange")]
public sealed record FieldChange
{
    [Id(0)] public required string Field { get; init; }
    [Id(1)] public string? From { get; init; }
    [Id(2)] public string? To { get; init; }
}

public enum AuditAction
{
    Created,
    Updated,
    Moved,
    Recorded,
    Corrected,
    Withdrawn,
    PasswordReset,
    PasswordChanged,
    TokenCreated,
    TokenRevoked,

    /// <summary>Too many failed sign-ins in a row locked the account for a while.</summary>
    LockedOut,
}

/// <summary>Where a page of the audit trail ended.</summary>
[GenerateSerializer, Immutable, Alias("dongda.AuditPosition")]
public sealed record AuditPosition
{
    [Id(0)] public required DateTimeOffset At { get; init; }
    [Id(1)] public required string Key { get; init; }
}

/// <summary>Entries whose time falls in <see cref="Period"/> (by UTC date), oldest first, after <see cref="After"/>.</summary>
[GenerateSerializer, Immutable, Alias("dongda.AuditQuery")]
public sealed record AuditQuery
{
    [Id(0)] public required Metrics.Period Period { get; init; }
    [Id(1)] public required int Limit { get; init; }
    [Id(2)] public AuditPosition? After { get; init; }
}

[GenerateSerializer, Immutable, Alias("dongda.AuditPage")]
public sealed record AuditPage
{
    [Id(0)] public required List<AuditEntry> Items { get; init; }
    [Id(1)] public AuditPosition? Next { get; init; }
}

/// <summary>The subject of the host's own writes, which no token may name.</summary>
public static class AuditActor
{
    public const string System = "system";
}
