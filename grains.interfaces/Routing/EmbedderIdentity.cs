using System.Globalization;

namespace Moecraft.Routing;

/// <summary>
/// Which embedder made a vector (SPEC 4.2): its name and dimension. A router records the one its gate weights, centroids,
/// scars and reflexes were made with, and the surrogate cache keeps one partition per embedder, so vectors of two
/// embedders are never compared: the same prompt has unrelated vectors under two models, even at one dimension.
/// </summary>
/// <param name="Name">The embedder: <c>hashing</c>, <c>all-MiniLM-L6-v2</c>, <c>ollama:MODEL</c>, ...</param>
/// <param name="Dimension">The length of its vectors.</param>
[GenerateSerializer, Immutable, Alias("moecraft.EmbedderIdentity")]
public sealed record EmbedderIdentity([Id(0)] string Name, [Id(1)] int Dimension)
{
    /// <summary>The name of the built-in hashing embedder (word and character n-grams).</summary>
    public const string HashingName = "hashing";

    /// <summary>The longest embedder name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The widest embedding accepted.</summary>
    public const int MaxDimension = 65_536;

    /// <summary>The built-in hashing embedder at <paramref name="dimension"/>.</summary>
    public static EmbedderIdentity Hashing(int dimension) => new(HashingName, dimension);

    /// <summary>Throws <see cref="ArgumentException"/> unless the name is well-formed text and the dimension in [1, 65,536].</summary>
    public static EmbedderIdentity Validate(EmbedderIdentity? identity, string parameterName)
    {
        if (identity is null) throw new ArgumentException("An embedder needs a name and a dimension.", parameterName);
        Identifiers.Validate(identity.Name, "embedder name", parameterName, MaxNameLength);
        if (identity.Dimension is < 1 or > MaxDimension)
            throw new ArgumentException($"An embedder's dimension is in [1, {MaxDimension}], got {identity.Dimension}.", parameterName);
        return identity;
    }

    /// <summary>For messages: <c>all-MiniLM-L6-v2 (d = 384)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (d = {Dimension})");
}
