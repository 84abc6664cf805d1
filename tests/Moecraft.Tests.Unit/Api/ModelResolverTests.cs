using System.Collections.Immutable;
using Moecraft.Api;
using Moecraft.Api.OpenAi;
using Moecraft.Experts;
using Moecraft.Routing;

namespace Moecraft.Tests.Api;

/// <summary>What a request's <c>model</c> (and OpenRouter's <c>models</c>) selects.</summary>
public sealed class ModelResolverTests
{
    private static readonly ModelCatalogSnapshot Catalog = new(
        "default",
        ["default", "code"],
        new Dictionary<string, CatalogExpert>
        {
            ["small"] = new("small", "default", BackendKind.Simulated, ExpertTier.Local, "s"),
            ["big"] = new("big", "default", BackendKind.OpenAiCompatible, ExpertTier.Premium, "b"),
            ["coder"] = new("coder", "code", BackendKind.Ollama, ExpertTier.Local, "c"),
        }.ToImmutableDictionary(StringComparer.Ordinal),
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void Auto_is_the_default_router_under_the_tenants_policy() =>
        Assert.Equal(new ModelRoute("default", null, MoecraftApiOptions.AutoModel), ModelResolver.Resolve(MoecraftApiOptions.AutoModel, null, Catalog));

    [Fact]
    public void A_router_id_is_that_router_under_the_tenants_policy() =>
        Assert.Equal(new ModelRoute("code", null, "code"), ModelResolver.Resolve("code", null, Catalog));

    [Fact]
    public void An_expert_id_is_the_fixed_policy_on_the_router_that_holds_it()
    {
        var route = ModelResolver.Resolve("coder", null, Catalog);

        Assert.Equal("code", route.RouterId);
        Assert.Equal(new RoutingPolicy(RoutingPolicyKind.Fixed, FixedExpert: "coder"), route.Policy);
    }

    [Fact]
    public void A_models_list_fixes_the_first_expert_and_falls_back_to_the_rest_in_order()
    {
        var route = ModelResolver.Resolve(null, ["big", "small"], Catalog);

        Assert.Equal("default", route.RouterId);
        Assert.Equal(RoutingPolicyKind.Fixed, route.Policy!.Kind);
        Assert.Equal("big", route.Policy.FixedExpert);
        Assert.Equal(["small"], route.Policy.FallbackList.ToArray());
    }

    [Fact]
    public void A_model_outside_the_models_list_is_tried_first()
    {
        var route = ModelResolver.Resolve("small", ["big"], Catalog);

        Assert.Equal("small", route.Policy!.FixedExpert);
        Assert.Equal(["big"], route.Policy.FallbackList.ToArray());
    }

    [Fact]
    public void An_unknown_model_is_a_404_model_not_found()
    {
        var refused = Assert.Throws<OpenAiRequestException>(() => ModelResolver.Resolve("gpt-17", null, Catalog));

        Assert.Equal(404, refused.Failure.Status);
        Assert.Equal("model_not_found", refused.Failure.Code);
        Assert.Equal(404, Assert.Throws<OpenAiRequestException>(() => ModelResolver.Resolve(null, ["big", "nope"], Catalog)).Failure.Status);
    }

    [Fact]
    public void A_fallback_list_across_routers_or_naming_a_router_is_a_400()
    {
        Assert.Equal(400, Assert.Throws<OpenAiRequestException>(() => ModelResolver.Resolve(null, ["big", "coder"], Catalog)).Failure.Status);
        Assert.Equal(400, Assert.Throws<OpenAiRequestException>(() => ModelResolver.Resolve(null, ["big", "code"], Catalog)).Failure.Status);
    }

    [Fact]
    public void No_model_at_all_is_a_400()
    {
        var refused = Assert.Throws<OpenAiRequestException>(() => ModelResolver.Resolve(null, null, Catalog));

        Assert.Equal(400, refused.Failure.Status);
        Assert.Equal("model", refused.Param);
    }

    [Fact]
    public void The_model_list_names_auto_the_routers_and_each_expert_with_its_router_backend_and_tier()
    {
        var models = ModelsEndpoint.Models(Catalog, created: 1);

        Assert.Equal([MoecraftApiOptions.AutoModel, "default", "code", "big", "small", "coder"], models.Select(m => m.Id));
        var coder = models.Single(m => m.Id == "coder");
        Assert.Equal(("expert", "code", "ollama", "local"), (coder.Kind, coder.Router, coder.Backend, coder.Tier));
        Assert.Equal("openai-compatible", models.Single(m => m.Id == "big").Backend);
    }
}
