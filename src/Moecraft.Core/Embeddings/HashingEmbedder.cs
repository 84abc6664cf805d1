using System.Globalization;
using System.Text;

namespace Moecraft.Embeddings;

/// <summary>
/// The built-in deterministic text embedder (SPEC 4.2): word unigrams, word bigrams and character trigrams
/// hashed into <c>d</c> buckets with a sign bit, then L2-normalised. Needs no model and repeats exactly.
/// </summary>
public sealed class HashingEmbedder(int dimension = HashingEmbedder.DefaultDimension)
{
    public const int DefaultDimension = 512;

    public int Dimension { get; } = dimension > 0
        ? dimension
        : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Dimension must be positive.");

    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimension];
        var words = Tokenize(text);

        for (var i = 0; i < words.Count; i++)
        {
            Add(vector, "w:" + words[i], 1.0f);
            if (i + 1 < words.Count) Add(vector, "b:" + words[i] + " " + words[i + 1], 0.7f);
            var padded = "<" + words[i] + ">";
            for (var c = 0; c + 3 <= padded.Length; c++) Add(vector, "c:" + padded.Substring(c, 3), 0.3f);
        }

        var norm = 0.0;
        foreach (var v in vector) norm += v * v;
        if (norm > 0)
        {
            var inverse = (float)(1.0 / Math.Sqrt(norm));
            for (var i = 0; i < vector.Length; i++) vector[i] *= inverse;
        }
        return vector;
    }

    private static List<string> Tokenize(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch)) current.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            else if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }

    private void Add(float[] vector, string feature, float weight)
    {
        var hash = StableHash.Of(feature);
        var bucket = (int)(hash % (uint)Dimension);
        vector[bucket] += (hash & 0x8000_0000u) == 0 ? weight : -weight;
    }
}
