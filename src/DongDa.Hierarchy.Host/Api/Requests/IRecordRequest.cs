using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

/// <summary>The body of a POST of one record kind.</summary>
public interface IRecordRequest : IRequestBody
{
    static abstract RecordKind Kind { get; }

    string? RecordId { get; }

    /// <summary>The record to store; only called on a validated body.</summary>
    OrgRecord ToRecord(string orgId, string recordId);
}
