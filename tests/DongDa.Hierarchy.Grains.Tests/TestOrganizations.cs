using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>Details of organizations that tests create by hand.</summary>
public static class TestOrganizations
{
    public static OrgDetails Details(OrgLevel level, string? parentId) =>
        new() { Name = $"{level} tổ chức", Level = level, Kind = "test", ParentId = parentId, MemberCount = 10 };
}
