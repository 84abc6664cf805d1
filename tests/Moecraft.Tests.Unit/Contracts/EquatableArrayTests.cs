using System.Collections.Immutable;
using Moecraft.Kernel;
using Moecraft.Routing;
using Moecraft.Tests.Infrastructure;
using Orleans.Serialization;

namespace Moecraft.Tests.Contracts;

public sealed class EquatableArrayTests
{
    [Fact]
    public void Records_holding_arrays_with_the_same_items_are_equal_and_hash_alike()
    {
        var one = new RegionClaim(3, "e1", ImmutableArray.Create(0.5f, 0.25f), 0.2);
        var other = new RegionClaim(3, "e1", [0.5f, 0.25f], 0.2);

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(one, other with { Centroid = [0.5f, 0.3f] });
    }

    [Fact]
    public void A_default_array_reads_as_empty_equals_an_empty_one_and_still_says_it_was_not_given()
    {
        EquatableArray<string> missing = default;
        EquatableArray<string> empty = ImmutableArray<string>.Empty;

        Assert.Equal(0, missing.Length);
        Assert.Empty(missing);
        Assert.Equal(empty, missing);
        Assert.True(missing.IsDefault);
        Assert.False(empty.IsDefault);
        Assert.True(((ImmutableArray<string>)missing).IsDefault); // converting back keeps what was given
    }

    [Fact]
    public void A_record_read_back_from_Orleans_bytes_equals_the_one_written()
    {
        var serializer = TestSerializer.Instance;
        var scar = new RegionClaim(9, "e2", [1f, 2f, 3f], 0.4, Epoch: 2);

        var read = serializer.Deserialize<RegionClaim>(serializer.SerializeToArray(scar));

        Assert.NotNull(read);
        Assert.Equal(scar, read);
        Assert.Equal(scar.Centroid.AsSpan().ToArray(), read.Centroid.AsSpan().ToArray());
    }

    [Fact]
    public void JSON_carries_it_as_a_plain_array_and_reads_it_back()
    {
        var answer = new Moecraft.Experts.ExpertAnswer("e1", "hi", 1, 2, 0.5m, 3, true, "tool_calls", [new ToolCall("c1", "lookup", "{}")]);

        var json = System.Text.Json.JsonSerializer.Serialize(answer);
        var read = System.Text.Json.JsonSerializer.Deserialize<Moecraft.Experts.ExpertAnswer>(json);

        Assert.Contains("\"ToolCalls\":[{", json, StringComparison.Ordinal);
        Assert.Equal(answer, read);
        Assert.True(System.Text.Json.JsonSerializer.Deserialize<EquatableArray<string>>("null").IsDefault);
        Assert.Equal("[]", System.Text.Json.JsonSerializer.Serialize(default(EquatableArray<string>)));
    }
}
