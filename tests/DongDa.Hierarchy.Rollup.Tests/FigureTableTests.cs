namespace DongDa.Hierarchy.Rollup.Tests;

/// <summary>The figure table is well formed: what the layout and the page rely on.</summary>
public sealed class FigureTableTests
{
    [Fact]
    public void Names_are_unique_labelled_in_both_languages_and_grouped_under_a_known_heading()
    {
        Assert.Equal(FigureTable.Figures.Count, FigureTable.Figures.Select(figure => figure.Name).Distinct().Count());
        Assert.Equal(FigureTable.Slots.Count, FigureTable.Slots.Distinct().Count());
        Assert.All(FigureTable.Figures, figure =>
        {
            Assert.Contains(figure.Group, FigureTable.Groups);
            Assert.False(string.IsNullOrWhiteSpace(figure.Vietnamese));
            Assert.False(string.IsNullOrWhiteSpace(figure.English));
        });
    }

    /// <summary>Own counters are stored by slot: the slots of today's stored state must keep their places.</summary>
    [Fact]
    public void The_stored_slots_keep_their_places()
    {
        Assert.Equal(34, FigureTable.Slots.Count);
        Assert.Equal("inspections.organizations", FigureTable.Slots[0]);
        Assert.Equal("study.registeredOrgs", FigureTable.Slots[9]);
        Assert.Equal("commendations.hoChiMinhStudy.collectives.city", FigureTable.Slots[11]);
        Assert.Equal("massMobilization.models", FigureTable.Slots[29]);
        Assert.Equal("massMobilization.modelsByField.politicalSystem", FigureTable.Slots[33]);
        Assert.Equal(9, FigureTable.OrganizationsSlot);
    }
}
