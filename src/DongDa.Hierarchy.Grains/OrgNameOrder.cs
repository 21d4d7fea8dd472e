using System.Globalization;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains;

/// <summary>Orders organizations by name as a Vietnamese reader expects (Đ after D, "số 2" before "số 10"), then by id.</summary>
internal sealed class OrgNameOrder : IComparer<OrgSnapshot>
{
    public static OrgNameOrder Instance { get; } = new();

    private static readonly CompareInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    public int Compare(OrgSnapshot? x, OrgSnapshot? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byName = Vietnamese.Compare(x.Details.Name, y.Details.Name, CompareOptions.NumericOrdering);
        return byName != 0 ? byName : string.CompareOrdinal(x.Id, y.Id);
    }
}
