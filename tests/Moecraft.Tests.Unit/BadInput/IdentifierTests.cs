using System.Text.RegularExpressions;
using Moecraft.Experts;
using Moecraft.Federation;
using Moecraft.Journal;
using Moecraft.Requests;
using Moecraft.Routing;
using Moecraft.Tenants;
using Moecraft.Tests.Cluster;

namespace Moecraft.Tests.BadInput;

/// <summary>
/// Identifiers are well-formed Unicode without control characters (<see cref="Identifiers"/>), checked by every id rule
/// before anything is called or stored. A lone surrogate is refused because Orleans encodes keys and strings as UTF-8, where
/// it becomes U+FFFD: "t\uD800x", "t\uDC00x" and the legal, distinct "t\uFFFDx" would all name one tenant.
/// </summary>
public sealed class IdentifierTests
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "t\\uD800x", "lone surrogate U+D800 at position 1" },
        { "t\\uDC00x", "lone surrogate U+DC00 at position 1" },
        { "tx\\uD800", "lone surrogate U+D800 at position 2" },
        { "t\\u0000x", "control character U+0000 at position 1" },
        { "t\\u0007x", "control character U+0007 at position 1" },
        { "t\\u009Fx", "control character U+009F at position 1" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_lone_surrogate_or_a_control_character_is_named_with_its_position(string escaped, string expected)
    {
        var id = Text(escaped);
        Assert.Contains(expected, Identifiers.Malformation(id));
        var error = Assert.Throws<ArgumentException>(() => Identifiers.Validate(id, "router id", "routerId"));
        Assert.Contains("The router id", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.True(Identifiers.Printable(id).All(c => !char.IsControl(c) && !char.IsSurrogate(c)), "the message prints the id escaped");
    }

    [Theory]
    [InlineData("t\uFFFDx")] // the replacement character is a character like any other
    [InlineData("t\U0001F600x")] // a surrogate pair: one character outside the basic plane
    [InlineData("tenant-ä-中")]
    public void Well_formed_ids_pass_and_print_as_they_are(string id)
    {
        Assert.Null(Identifiers.Malformation(id));
        Assert.Equal(id, Identifiers.Validate(id, "tenant id", "tenantId"));
        Assert.Equal(id, Identifiers.Printable(id));
    }

    [Fact]
    public void Printable_escapes_only_what_is_malformed()
    {
        Assert.Equal("a\\u0000b\\uD800c\U0001F600", Identifiers.Printable("a\0b\uD800c\U0001F600"));
        Assert.Equal("\\uDC00\\uD800", Identifiers.Printable("\uDC00\uD800")); // low then high: two halves of no pair
    }

    [Theory]
    [InlineData("t\\uD800x")]
    [InlineData("t\\uDC00x")]
    [InlineData("t\\u0000x")]
    public void Tenant_expert_router_and_request_ids_refuse_malformed_text(string escaped)
    {
        var id = Text(escaped);
        Assert.Throws<ArgumentException>(() => TenantIds.Validate(id));
        Assert.Throws<ArgumentException>(() => ExpertIds.Validate(id));
        Assert.Throws<ArgumentException>(() => RouterIds.Validate(id));
        Assert.Throws<ArgumentException>(() => RequestIds.Validate(id));
        Assert.Throws<ArgumentException>(() => JournalKeys.ValidateNode(id));
        Assert.NotNull(PeerNames.Problem(id));
        Assert.Throws<ArgumentException>(() => TenantSettingsValidator.ValidateKeyName(id, "name"));
    }

    [Fact]
    public void The_replacement_character_is_a_legal_tenant_id_of_its_own()
    {
        Assert.Equal("t\uFFFDx", TenantIds.Validate("t\uFFFDx"));
        Assert.Throws<ArgumentException>(() => TenantIds.Validate("t x"));
        Assert.Throws<ArgumentException>(() => TenantIds.Validate("t/x"));
    }

    [Theory]
    [InlineData("e\\uD800")]
    [InlineData("e\\u0000")]
    public void An_expert_definition_with_a_malformed_id_is_refused(string escaped)
    {
        var id = Text(escaped);
        var error = Assert.Throws<ArgumentException>(() => ExpertDefinitionValidator.Validate(TestExperts.Simulated("ok") with { Id = id }));
        Assert.Contains("expert id", error.Message);
    }

    [Theory]
    [InlineData("r\\uDC00", null, null)]
    [InlineData("r", "t\\uD800", null)]
    [InlineData("r", "t\\u0000", null)]
    [InlineData("r", null, "e\\u0000")]
    public void A_request_with_a_malformed_id_is_refused_before_anything_else(string requestId, string? tenant, string? fixedExpert)
    {
        var policy = fixedExpert is null ? null : new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: Text(fixedExpert));
        var request = new AskRequest(Text(requestId), "hello", TenantId: tenant is null ? null : Text(tenant), Policy: policy);

        Assert.Throws<ArgumentException>(() => AskRequestPreflight.Validate(request, RequestSize.DefaultMaxBytes));
        Assert.Throws<ArgumentException>(() => AskRequestValidator.Validate(request));
    }

    // Theory data travels through the test runner as UTF-8, which would turn a lone surrogate into U+FFFD: it is written
    // escaped ("t\\uD800x") and unescaped here.
    private static string Text(string escaped) => Regex.Unescape(escaped);
}
