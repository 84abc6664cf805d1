using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Moecraft.Torch.CharModel;

/// <summary>
/// The tiny-Shakespeare character corpus of the toy bench: a verified text, its sorted character vocabulary,
/// a 90% / 10% train / validation split (first part / last part), and seeded batch sampling.
/// </summary>
public sealed class CharCorpus
{
    /// <summary>SHA-256 of the vendored file; the bench's numbers are only comparable on exactly this text.</summary>
    public const string ExpectedSha256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    public const double TrainFraction = 0.9;

    private const string ResourceName = "Moecraft.Torch.CharModel.Data.tinyshakespeare.txt";

    private readonly byte[] _train;       // token ids; the vocabulary has fewer than 256 symbols
    private readonly byte[] _validation;
    private readonly Dictionary<char, byte> _ids;

    private CharCorpus(string text)
    {
        Vocabulary = text.Distinct().Order().ToArray();
        if (Vocabulary.Count > byte.MaxValue + 1)
            throw new InvalidDataException($"The corpus has {Vocabulary.Count} distinct characters; at most 256 are supported.");
        _ids = Vocabulary.Select((symbol, id) => (symbol, id)).ToDictionary(p => p.symbol, p => (byte)p.id);

        var tokens = Encode(text);
        var trainLength = (int)(tokens.Length * TrainFraction);
        _train = tokens[..trainLength];
        _validation = tokens[trainLength..];
        Length = tokens.Length;
    }

    /// <summary>Distinct characters in ordinal order; a token id is an index into this list.</summary>
    public IReadOnlyList<char> Vocabulary { get; }

    public int Length { get; }

    public int TrainLength => _train.Length;

    public int ValidationLength => _validation.Length;

    /// <summary>Loads the copy embedded in this assembly and verifies its hash.</summary>
    public static CharCorpus LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded corpus resource '{ResourceName}' is missing from {typeof(CharCorpus).Assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FromBytes(buffer.ToArray(), ResourceName);
    }

    /// <summary>Loads a file and verifies that it is the expected text.</summary>
    public static CharCorpus Load(string path) => FromBytes(File.ReadAllBytes(path), path);

    /// <summary>Verifies the bytes' SHA-256 before decoding them as UTF-8.</summary>
    public static CharCorpus FromBytes(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != ExpectedSha256)
        {
            throw new InvalidDataException(
                $"The corpus from {source} has SHA-256 {actual}; expected {ExpectedSha256}. " +
                "The toy bench is only comparable on the exact tiny-Shakespeare text (1,115,394 characters, LF line endings).");
        }

        return new CharCorpus(Encoding.UTF8.GetString(bytes));
    }

    public byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (!_ids.TryGetValue(text[i], out tokens[i]))
                throw new ArgumentException($"Character U+{(int)text[i]:X4} at position {i} is not in the vocabulary.", nameof(text));
        }

        return tokens;
    }

    public string Decode(IEnumerable<long> tokens) => new(tokens.Select(id => Vocabulary[(int)id]).ToArray());

    /// <summary>A training batch at uniformly random offsets in the training split, drawn from <paramref name="random"/>.</summary>
    public TokenBatch SampleTrain(Random random, int batchSize, int context) => Sample(_train, random, batchSize, context);

    /// <summary>
    /// The fixed validation set: <paramref name="count"/> batches drawn from the validation split with their own seed,
    /// so every arm and every run is scored on the same windows.
    /// </summary>
    public IReadOnlyList<TokenBatch> ValidationBatches(int count = 40, int batchSize = 32, int context = 64, int seed = 42)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Sample(_validation, random, batchSize, context)).ToArray();
    }

    private static TokenBatch Sample(byte[] split, Random random, int batchSize, int context)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(context);
        if (split.Length <= context)
            throw new ArgumentOutOfRangeException(nameof(context), context, $"The split holds only {split.Length} tokens.");

        var inputs = new long[batchSize * context];
        var targets = new long[batchSize * context];
        for (var row = 0; row < batchSize; row++)
        {
            // A window needs context + 1 tokens: the inputs and, shifted by one, their targets.
            var start = random.Next(split.Length - context);
            for (var i = 0; i < context; i++)
            {
                inputs[row * context + i] = split[start + i];
                targets[row * context + i] = split[start + i + 1];
            }
        }

        return new TokenBatch(batchSize, context, inputs, targets);
    }
}
