using Moecraft.Torch.Moe;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moecraft.Torch.CharModel;

/// <summary>
/// The toy bench's character-level transformer (model T0): token and learned position embeddings, pre-LayerNorm
/// blocks whose FFN is a <see cref="MoeFeedForward"/> (or one dense FFN), a final LayerNorm and a linear head over the
/// vocabulary. No dropout. After a forward pass each MoE layer's <see cref="MoeFeedForward.LastRouting"/> holds its routing.
/// </summary>
public sealed class CharMoeModel : nn.Module<Tensor, Tensor>
{
    private const double InitialStd = 0.02; // GPT-2 style: small weights keep early logits near uniform

    private readonly Embedding _tokenEmbedding;
    private readonly Embedding _positionEmbedding;
    private readonly ModuleList<TransformerBlock> _blocks;
    private readonly LayerNorm _finalNorm;
    private readonly Linear _head;
    private readonly long[] _positionIds;

    public CharMoeModel(CharModelConfig config) : base(nameof(CharMoeModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        _tokenEmbedding = nn.Embedding(config.VocabularySize, config.Dimension);
        _positionEmbedding = nn.Embedding(config.Context, config.Dimension);
        _blocks = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new TransformerBlock(config)).ToArray());
        _finalNorm = nn.LayerNorm(config.Dimension);
        _head = nn.Linear(config.Dimension, config.VocabularySize);
        _positionIds = Enumerable.Range(0, config.Context).Select(i => (long)i).ToArray();
        RegisterComponents();
        InitialiseWeights();
        MoeLayers = _blocks.Select(block => block.Moe).OfType<MoeFeedForward>().ToArray();
    }

    public CharModelConfig Config { get; }

    /// <summary>The MoE FFN of each block, in depth order; empty for the dense model.</summary>
    public IReadOnlyList<MoeFeedForward> MoeLayers { get; }

    /// <param name="input">Token ids <c>[B, L]</c> (int64), <c>L</c> at most the context.</param>
    /// <returns>Next-character logits <c>[B, L, V]</c>.</returns>
    public override Tensor forward(Tensor input)
    {
        var length = input.shape[1];
        if (length > Config.Context)
            throw new ArgumentException($"Sequence length {length} exceeds the context of {Config.Context}.", nameof(input));

        // Position ids come from an array, not arange: arange takes inline Scalars (see LongLivedScalars).
        var positions = tensor(length == Config.Context ? _positionIds : _positionIds[..(int)length]);
        var x = _tokenEmbedding.forward(input).add(_positionEmbedding.forward(positions), LongLivedScalars.One);
        foreach (var block in _blocks) x = block.forward(x);
        return _head.forward(_finalNorm.forward(x));
    }

    /// <summary>Sum of the MoE layers' Switch auxiliary losses from the last forward pass; null when none is enabled.</summary>
    public Tensor? AuxiliaryLoss()
    {
        Tensor? total = null;
        foreach (var layer in MoeLayers)
        {
            if (layer.LastAuxiliaryLoss is { } loss) total = total is null ? loss : total.add(loss, LongLivedScalars.One);
        }

        return total;
    }

    public ParameterCount CountParameters()
    {
        var total = parameters().Sum(p => p.numel());
        var idleExperts = MoeLayers.Sum(layer => (long)(layer.ExpertCount - layer.TopK) * layer.ExpertParameterCount);
        return new ParameterCount(total, total - idleExperts);
    }

    private void InitialiseWeights()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (parameter.dim() >= 2) nn.init.normal_(parameter, 0, InitialStd);
            else if (name.EndsWith("bias", StringComparison.Ordinal)) nn.init.zeros_(parameter);
        }
    }
}
