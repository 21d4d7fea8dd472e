using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains.Tests;

public sealed class OrgNameSearchTests
{
    [Theory]
    [InlineData("Láng Thượng", "lang thuong")]
    [InlineData("Đảng bộ quận Đống Đa", "dang bo quan dong da")]
    [InlineData("  Chi bộ   TỔ DÂN PHỐ  số 1 ", "chi bo to dan pho so 1")]
    [InlineData("Trường THCS Bế Văn Đàn", "truong thcs be van dan")]
    [InlineData("Ưu Ơn Ứng Ữ", "uu on ung u")]
    public void Folding_drops_diacritics_case_and_extra_spaces(string name, string folded) =>
        Assert.Equal(folded, OrgNameSearch.Fold(name));

    [Theory]
    [InlineData("lang thuong", true)]
    [InlineData("LÁNG THƯỢNG", true)]
    [InlineData("thuong lang", true)]
    [InlineData("phuong-lang-thuong", true)]
    [InlineData("lang ha", false)]
    [InlineData("thuongg", false)]
    public void A_name_matches_when_it_holds_every_word_of_the_folded_query(string query, bool matches) =>
        Assert.Equal(matches, OrgNameSearch.Matches(OrgNameSearch.Fold(query), "Đảng bộ phường Láng Thượng", "phuong-lang-thuong"));
}
