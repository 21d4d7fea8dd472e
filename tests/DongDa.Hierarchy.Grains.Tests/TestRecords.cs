using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>Records that tests write by hand; a study session adds plainly to classes and attendees.</summary>
public static class TestRecords
{
    public static StudySessionRecord Session(string orgId, string recordId, int classes = 1, DateOnly? date = null, int attendees = 10) => new()
    {
        OrgId = orgId, RecordId = recordId, Date = date ?? new DateOnly(2021, 6, 1), Document = "Nghị quyết", Classes = classes, Attendees = attendees,
    };
}
