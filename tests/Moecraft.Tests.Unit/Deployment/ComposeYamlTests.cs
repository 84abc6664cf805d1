using YamlDotNet.Core;

namespace Moecraft.Tests.Deployment;

/// <summary>The compose loader resolves anchors, aliases and merge keys the way YAML (and docker-compose) does.</summary>
public sealed class ComposeYamlTests
{
    [Fact]
    public void Parse_ResolvesAnchorsAliasesAndMerges()
    {
        const string doc = """
            x-env: &env   # comment
              A: "1"
              B: two
            x-more: &more
              B: more
              C: more
            x-svc: &svc
              image: img
              list: ["CMD", 'it''s', plain]
            services:
              one:
                <<: *svc
                environment:
                  B: before
                  <<: [*env, *more]
                seq:
                - k: v
                  k2: v2
                - scalar
              two: *svc
              three:
                "<<": literal
            """;
        var root = Assert.IsType<Dictionary<string, object?>>(ComposeYaml.Parse(doc));
        var services = ComposeYaml.Map(root, "services")!;
        var one = ComposeYaml.Map(services, "one")!;
        Assert.Equal("img", one["image"]);
        Assert.Equal(new object?[] { "CMD", "it's", "plain" }, Assert.IsType<List<object?>>(one["list"]));

        // Explicit keys win wherever the merge key stands; earlier merge sources win over later ones.
        var env = ComposeYaml.Map(one, "environment")!;
        Assert.Equal("1", env["A"]);
        Assert.Equal("before", env["B"]);
        Assert.Equal("more", env["C"]);
        Assert.DoesNotContain("<<", env.Keys);

        var seq = Assert.IsType<List<object?>>(one["seq"]);
        Assert.Equal("v2", Assert.IsType<Dictionary<string, object?>>(seq[0])["k2"]);
        Assert.Equal("scalar", seq[1]);
        Assert.Equal("img", ComposeYaml.Map(services, "two")!["image"]);
        Assert.Equal("literal", ComposeYaml.Str(ComposeYaml.Map(services, "three"), "<<"));
    }

    [Theory]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: *missing\n")]
    [InlineData("a: &x 1\nb:\n  <<: *x\n")]
    [InlineData("a: [1, 2\n")]
    public void Parse_RejectsBrokenYaml(string yaml) =>
        Assert.ThrowsAny<YamlException>(() => ComposeYaml.Parse(yaml));
}
