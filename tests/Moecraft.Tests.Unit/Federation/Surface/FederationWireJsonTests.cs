using System.Collections.Immutable;
using System.Text.Json;
using Moecraft.Federation;

namespace Moecraft.Tests.Federation.Surface;

/// <summary>The federation wire's JSON writes a contract's default array ("none") as [] and reads it back as an empty one.</summary>
public sealed class FederationWireJsonTests
{
    private sealed record Body(ImmutableArray<string> Ids, ImmutableArray<int> Counts);

    [Fact]
    public void A_default_array_is_written_as_an_empty_one_and_others_as_they_are()
    {
        var json = JsonSerializer.Serialize(new Body(default, [1, 2]), FederationWire.Json);

        Assert.Equal("""{"ids":[],"counts":[1,2]}""", json);
        var read = JsonSerializer.Deserialize<Body>(json, FederationWire.Json)!;
        Assert.Empty(read.Ids);
        Assert.Equal([1, 2], read.Counts.ToArray());
        Assert.True(JsonSerializer.Deserialize<Body>("""{"ids":null,"counts":[]}""", FederationWire.Json)!.Ids.IsDefault);
    }
}
