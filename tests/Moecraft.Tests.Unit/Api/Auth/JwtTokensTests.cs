using System.Security.Claims;
using Moecraft.Api.Authentication;

namespace Moecraft.Tests.Api.Auth;

public sealed class JwtTokensTests
{
    private static readonly MoecraftJwtOptions Options = new() { Issuer = "idp", Audience = "moecraft", SigningKey = new string('k', 32) };

    [Fact]
    public void A_token_s_tenant_claim_and_admin_role_become_moecraft_claims()
    {
        var token = Principal(("tenant", "acme"), ("sub", "alice"), ("roles", "reader"), ("roles", MoecraftClaims.AdminRole));

        var principal = JwtTokens.ToMoecraft(token, Options, "MoecraftJwt", out var problem);

        Assert.Null(problem);
        Assert.Equal("acme", MoecraftClaims.TenantOf(principal!));
        Assert.True(principal!.IsInRole(MoecraftClaims.AdminRole));
        Assert.Equal("alice", principal.Identity!.Name);
        Assert.Equal(MoecraftClaims.JwtMethod, principal.FindFirst(MoecraftClaims.Method)!.Value);
        Assert.Null(MoecraftClaims.KeyHashOf(principal));
    }

    [Fact]
    public void A_token_without_the_admin_role_is_a_tenant_only_and_the_tenant_claim_is_configurable()
    {
        var options = new MoecraftJwtOptions { Issuer = "idp", Audience = "moecraft", SigningKey = Options.SigningKey, TenantClaim = "org" };
        var principal = JwtTokens.ToMoecraft(Principal(("org", "beta"), ("role", "user")), options, "MoecraftJwt", out _);

        Assert.Equal("beta", MoecraftClaims.TenantOf(principal!));
        Assert.False(principal!.IsInRole(MoecraftClaims.AdminRole));
    }

    [Fact]
    public void A_token_without_a_valid_tenant_is_refused_with_the_reason()
    {
        Assert.Null(JwtTokens.ToMoecraft(Principal(("sub", "alice")), Options, "MoecraftJwt", out var problem));
        Assert.Contains("claim 'tenant'", problem);
        Assert.Null(JwtTokens.ToMoecraft(Principal(("tenant", "a/b")), Options, "MoecraftJwt", out problem));
        Assert.Contains("not a valid tenant id", problem);
    }

    [Theory]
    [InlineData("a.b.c", true)]
    [InlineData("mc-0123456789012345678901234567890123456789", false)]
    [InlineData("a.b", false)]
    public void Only_a_token_with_two_dots_is_taken_for_a_jwt(string token, bool expected) => Assert.Equal(expected, JwtTokens.LooksLikeJwt(token));

    [Fact]
    public void Jwt_settings_are_all_or_nothing_and_the_key_must_be_long_enough()
    {
        Assert.Null(new MoecraftJwtOptions().Problem());
        Assert.False(new MoecraftJwtOptions().IsConfigured);
        Assert.Null(Options.Problem());
        Assert.True(Options.IsConfigured);
        Assert.Contains("Audience, SigningKey missing", new MoecraftJwtOptions { Issuer = "idp" }.Problem());
        Assert.Contains("at least 32", new MoecraftJwtOptions { Issuer = "i", Audience = "a", SigningKey = "short" }.Problem());
        Assert.Contains("not base64", new MoecraftJwtOptions { Issuer = "i", Audience = "a", SigningKey = "base64:***" }.Problem());

        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var base64 = new MoecraftJwtOptions { Issuer = "i", Audience = "a", SigningKey = "base64:" + Convert.ToBase64String(bytes) };
        Assert.Null(base64.Problem());
        Assert.Equal(bytes, base64.SigningKeyBytes());
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
