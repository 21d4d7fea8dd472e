using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>A page of records; items are written with their concrete kind's fields.</summary>
public sealed record RecordListResponse(IReadOnlyList<object> Items, string? Next)
{
    public static RecordListResponse From(RecordPage page) =>
        new(page.Items.Cast<object>().ToList(), page.Next is { } next ? RecordCursor.Encode(next) : null);
}
