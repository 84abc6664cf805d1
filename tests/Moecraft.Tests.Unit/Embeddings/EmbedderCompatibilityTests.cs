using Moecraft.Experts.Embeddings;
using Moecraft.Routing;

namespace Moecraft.Tests.Embeddings;

/// <summary>The rule that decides whether a node may use a router (SPEC 4.2: a router records the embedder its state was made with).</summary>
public sealed class EmbedderCompatibilityTests
{
    private static readonly RouterConfiguration Hashing512 = RouterConfiguration.Default with { InputDimension = 512 };
    private static readonly RouterConfiguration MiniLm = RouterConfiguration.Default with { InputDimension = 384, Embedder = KnownEmbedders.MiniLm };

    [Fact]
    public void A_router_without_a_recorded_embedder_is_the_hashing_embedder_at_its_input_dimension()
    {
        var old = EmbedderCompatibility.Of(Hashing512 with { InputDimension = 256 }, sinceEpoch: 0);

        Assert.Equal(EmbedderIdentity.Hashing(256), old.Embedder);
        Assert.False(old.Recorded);
        Assert.Equal(new RouterEmbedder(KnownEmbedders.MiniLm, true, 3), EmbedderCompatibility.Of(MiniLm, 3));
    }

    [Fact]
    public void The_same_embedder_is_compatible_and_any_other_is_refused_with_both_ways_on()
    {
        var router = EmbedderCompatibility.Of(Hashing512, 0);

        Assert.Null(EmbedderCompatibility.Mismatch("default", router, KnownEmbedders.Hashing, "node-a"));
        var refusal = EmbedderCompatibility.Mismatch("default", router, KnownEmbedders.MiniLm, "node-a");

        Assert.NotNull(refusal);
        Assert.Contains("Router 'default' was made before routers recorded their embedder", refusal);
        Assert.Contains("hashing (d = 512)", refusal);
        Assert.Contains("node 'node-a' embeds prompts with all-MiniLM-L6-v2 (d = 384)", refusal);
        Assert.Contains("Moecraft:Embeddings:Embedder=hashing", refusal);
        Assert.Contains("moecraft embedder migrate --router default", refusal);
        Assert.Contains("POST /moecraft/routers/default/embedder/migrate", refusal);
    }

    [Fact]
    public void Two_embedders_of_one_dimension_are_not_mixed()
    {
        var router = EmbedderCompatibility.Of(MiniLm, 0);

        var refusal = EmbedderCompatibility.Mismatch("r", router, KnownEmbedders.ArcticXs, "n");

        Assert.NotNull(refusal);
        Assert.Contains("was made with the embedder all-MiniLM-L6-v2 (d = 384)", refusal);
        Assert.Contains("Moecraft:Embeddings:Embedder=minilm", refusal);
        Assert.Contains("OllamaModel=nomic", EmbedderCompatibility.Mismatch("r", EmbedderCompatibility.Of(
            RouterConfiguration.Default with { InputDimension = 768, Embedder = new EmbedderIdentity("ollama:nomic", 768) }, 0), KnownEmbedders.MiniLm, "n"));
    }

    [Fact]
    public void A_configuration_that_names_no_embedder_takes_the_silos_when_the_widths_agree()
    {
        Assert.Equal(KnownEmbedders.MiniLm, EmbedderCompatibility.Recorded(Hashing512 with { InputDimension = 384 }, KnownEmbedders.MiniLm).Embedder);
        Assert.Equal(KnownEmbedders.Hashing, EmbedderCompatibility.Recorded(Hashing512, KnownEmbedders.Hashing).Embedder);
        // Another width (a neural layer, or d = 512 on a MiniLM silo): none recorded, so taken as hashing at that width.
        Assert.Null(EmbedderCompatibility.Recorded(Hashing512, KnownEmbedders.MiniLm).Embedder);
        Assert.Null(EmbedderCompatibility.Recorded(Hashing512, silo: null).Embedder);
        // A named embedder stays named.
        Assert.Equal(KnownEmbedders.ArcticXs, EmbedderCompatibility.Recorded(MiniLm with { Embedder = KnownEmbedders.ArcticXs }, KnownEmbedders.MiniLm).Embedder);
    }

    [Fact]
    public void The_default_configuration_takes_the_width_and_name_of_the_silos_embedder_or_of_the_one_it_names()
    {
        Assert.Equal(MiniLm, EmbedderCompatibility.Recorded(RouterConfiguration.Default, KnownEmbedders.MiniLm));
        Assert.Equal(Hashing512 with { Embedder = KnownEmbedders.Hashing }, EmbedderCompatibility.Recorded(RouterConfiguration.Default, KnownEmbedders.Hashing));
        var named = EmbedderCompatibility.Recorded(RouterConfiguration.Default with { Embedder = KnownEmbedders.ArcticXs }, KnownEmbedders.Hashing);
        Assert.Equal((KnownEmbedders.ArcticXs.Dimension, KnownEmbedders.ArcticXs), (named.InputDimension, named.Embedder));
        var unknown = Assert.Throws<ArgumentException>(() => EmbedderCompatibility.Recorded(RouterConfiguration.Default, silo: null));
        Assert.Contains("name the input dimension or the embedder", unknown.Message);
    }

    [Fact]
    public void A_repeated_configuration_is_the_same_router_when_shape_and_embedder_agree()
    {
        Assert.True(EmbedderCompatibility.SameRouter(Hashing512, Hashing512 with { Embedder = KnownEmbedders.Hashing }));
        Assert.True(EmbedderCompatibility.SameRouter(MiniLm, MiniLm));
        Assert.False(EmbedderCompatibility.SameRouter(MiniLm, MiniLm with { Embedder = KnownEmbedders.ArcticXs }));
        Assert.False(EmbedderCompatibility.SameRouter(Hashing512, MiniLm));
        Assert.False(EmbedderCompatibility.SameRouter(Hashing512, Hashing512 with { TopK = 1 }));
    }
}
