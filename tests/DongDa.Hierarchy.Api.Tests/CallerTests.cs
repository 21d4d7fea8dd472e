using System.Security.Claims;
using DongDa.Hierarchy.Host.Access;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The caller a token's claims describe, across every identity of the principal.</summary>
public sealed class CallerTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[][] identities) =>
        new(identities.Select(claims => new ClaimsIdentity(claims.Select(claim => new Claim(claim.Type, claim.Value)), "test")));

    [Fact]
    public void Roots_are_every_org_claim_the_role_the_highest_named_and_the_subject_the_first()
    {
        var caller = Caller.From(Principal(
            [("sub", "thu-ky"), ("org", "phuong-lang-thuong"), ("role", "viewer")],
            [("ORG", "phuong-o-cho-dua"), ("Role", "recorder"), ("role", "no-such-role"), ("sub", "other")]));

        Assert.Equal(Role.Recorder, caller.Role);
        Assert.Equal("thu-ky", caller.Subject);
        Assert.True(caller.HoldsRoot("phuong-lang-thuong"));
        Assert.True(caller.HoldsRoot("phuong-o-cho-dua"));
        Assert.False(caller.IsEverywhere);
        Assert.True(caller.Covers(["dong-da", "phuong-o-cho-dua", "chi-bo-1"]));
        Assert.False(caller.Covers(["dong-da", "phuong-kham-thien"]));
    }

    [Fact]
    public void A_principal_without_claims_is_nobody_anywhere()
    {
        var caller = Caller.From(Principal([]));

        Assert.Equal(Role.None, caller.Role);
        Assert.Equal("", caller.Subject);
        Assert.False(caller.HasSubject);
        Assert.False(caller.Covers(["dong-da"]));
    }

    [Fact]
    public void The_everywhere_root_covers_every_path()
    {
        var caller = Caller.From(Principal([("org", Caller.Everywhere), ("role", "admin"), ("sub", "van-phong")]));

        Assert.True(caller.IsEverywhere);
        Assert.Equal(Role.Admin, caller.Role);
        Assert.True(caller.Covers(["dong-da", "phuong-kham-thien"]));
    }
}
