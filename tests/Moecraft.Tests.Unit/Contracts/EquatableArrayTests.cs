using System.Collections.Immutable;
using Moecraft.Kernel;
using Moecraft.Tests.Infrastructure;
using Orleans.Serialization;

namespace Moecraft.Tests.Contracts;

public sealed class EquatableArrayTests
{
    [Fact]
    public void Records_holding_arrays_with_the_same_items_are_equal_and_hash_alike()
    {
        var one = new Scar(3, "e1", ImmutableArray.Create(0.5f, 0.25f), 0.2);
        var other = new Scar(3, "e1", [0.5f, 0.25f], 0.2);

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
        var scar = new Scar(9, "e2", [1f, 2f, 3f], 0.4, Epoch: 2);

        var read = serializer.Deserialize<Scar>(serializer.SerializeToArray(scar));

        Assert.NotNull(read);
        Assert.Equal(scar, read);
        Assert.Equal(scar.Centroid.AsSpan().ToArray(), read.Centroid.AsSpan().ToArray());
    }
}
