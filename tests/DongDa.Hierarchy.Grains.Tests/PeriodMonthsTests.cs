using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>The calendar months of a period, which a series answers one total for.</summary>
public sealed class PeriodMonthsTests
{
    private static List<string> Months(string from, string to) =>
        new Period { From = DateOnly.Parse(from), To = DateOnly.Parse(to) }.Months().Select(month => $"{month.From:yyyy-MM-dd}..{month.To:yyyy-MM-dd}").ToList();

    [Fact]
    public void The_first_and_last_months_are_clipped_to_the_period()
    {
        Assert.Equal(["2020-10-15..2020-10-31", "2020-11-01..2020-11-30", "2020-12-01..2020-12-31", "2021-01-01..2021-01-10"], Months("2020-10-15", "2021-01-10"));
    }

    [Fact]
    public void A_period_within_one_month_is_that_one_period()
    {
        Assert.Equal(["2024-02-03..2024-02-27"], Months("2024-02-03", "2024-02-27"));
    }

    [Fact]
    public void February_ends_on_the_29th_in_a_leap_year_and_the_term_has_sixty_months()
    {
        Assert.Equal("2024-02-01..2024-02-29", Months("2024-01-01", "2024-12-31")[1]);
        Assert.Equal("2023-02-01..2023-02-28", Months("2023-01-01", "2023-12-31")[1]);
        var term = Months("2020-10-01", "2025-09-30");
        Assert.Equal(60, term.Count);
        Assert.Equal("2025-09-01..2025-09-30", term[^1]);
    }

    [Fact]
    public void A_period_open_at_either_end_has_no_months()
    {
        Assert.Throws<InvalidOperationException>(() => new Period { From = new DateOnly(2021, 1, 1) }.Months());
        Assert.Throws<InvalidOperationException>(() => new Period { To = new DateOnly(2021, 1, 1) }.Months());
    }
}
