namespace DongDa.Hierarchy.Records;

/// <summary>How adding a record ended.</summary>
public enum RecordWriteStatus
{
    Created,

    /// <summary>The same record id with the same content was already stored; nothing new was stored.</summary>
    Replayed,

    /// <summary>The record id is already used with different content.</summary>
    Conflict,

    /// <summary>The organization does not exist.</summary>
    UnknownOrganization,

    /// <summary>A correction was stored as the record's next revision.</summary>
    Corrected,

    /// <summary>A correction or withdrawal that changes nothing: the record already reads so.</summary>
    Unchanged,

    /// <summary>A withdrawal was stored as the record's next revision.</summary>
    Withdrawn,

    /// <summary>The organization holds no record of that kind under the id.</summary>
    NotFound,
}

[GenerateSerializer, Immutable, Alias("dongda.RecordWriteOutcome")]
public sealed record RecordWriteOutcome
{
    [Id(0)] public required RecordWriteStatus Status { get; init; }

    /// <summary>The stored record, when one exists under the id.</summary>
    [Id(1)] public OrgRecord? Record { get; init; }
}

/// <summary>The position after which a listing continues: records are ordered by date, then id.</summary>
[GenerateSerializer, Immutable, Alias("dongda.RecordPosition")]
public sealed record RecordPosition
{
    [Id(0)] public required DateOnly Date { get; init; }
    [Id(1)] public required string RecordId { get; init; }
}

/// <summary>A query for one kind of an organization's own records.</summary>
[GenerateSerializer, Immutable, Alias("dongda.RecordQuery")]
public sealed record RecordQuery
{
    [Id(0)] public required RecordKind Kind { get; init; }
    [Id(1)] public required Metrics.Period Period { get; init; }
    [Id(2)] public required int Limit { get; init; }
    [Id(3)] public RecordPosition? After { get; init; }

    /// <summary>Whether withdrawn records are listed too.</summary>
    [Id(4)] public bool IncludeWithdrawn { get; init; }

    /// <summary>Latest date first, as a register is read; <see cref="After"/> then means older than.</summary>
    [Id(5)] public bool NewestFirst { get; init; }
}

[GenerateSerializer, Immutable, Alias("dongda.RecordPage")]
public sealed record RecordPage
{
    [Id(0)] public required IReadOnlyList<OrgRecord> Items { get; init; }

    /// <summary>Where the next page starts, or null when this page is the last.</summary>
    [Id(1)] public RecordPosition? Next { get; init; }
}
