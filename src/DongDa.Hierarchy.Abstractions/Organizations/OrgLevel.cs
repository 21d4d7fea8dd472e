namespace DongDa.Hierarchy.Organizations;

/// <summary>
/// The level of a party organization, top to bottom. The numeric order is the hierarchy order:
/// a child's level is always strictly greater than its parent's.
/// </summary>
public enum OrgLevel
{
    /// <summary>Đảng bộ quận: the district party organization, always a root.</summary>
    District = 0,

    /// <summary>Tổ chức cơ sở đảng: ward, agency, school, hospital or enterprise organizations.</summary>
    Grassroots = 1,

    /// <summary>Đảng bộ bộ phận: optional middle level inside a large grassroots organization.</summary>
    Partial = 2,

    /// <summary>Chi bộ: the smallest unit, which has no children.</summary>
    Cell = 3,
}

/// <summary>The level rules of the hierarchy, kept in one place.</summary>
public static class OrgLevelRules
{
    /// <summary>Whether an organization at <paramref name="child"/> level may sit directly under one at <paramref name="parent"/> level.</summary>
    public static bool MayContain(OrgLevel parent, OrgLevel child) => parent != OrgLevel.Cell && child > parent;

    /// <summary>The level as the API writes it (<c>cell</c>), for messages a client reads.</summary>
    public static string Named(OrgLevel level) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(level.ToString());

    /// <summary>Only a district is a root; every other level needs a parent.</summary>
    public static bool IsRootLevel(OrgLevel level) => level == OrgLevel.District;

    /// <summary>What is wrong with a parent (or none) at a level, or null when nothing is.</summary>
    public static string? ParentProblem(OrgLevel level, string? parentId) => (IsRootLevel(level), parentId is null) switch
    {
        (true, false) => "A district is a root: parentId must be null.",
        (false, true) => "Every organization below the district needs a parentId.",
        _ => null,
    };
}
