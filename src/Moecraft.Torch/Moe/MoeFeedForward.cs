using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moecraft.Torch.Moe;

/// <summary>
/// A mixture-of-experts FFN: a softmax router picks the top-k of E experts per token, each a
/// <c>Linear(d -> h) GELU Linear(h -> d)</c>, and the output is the gate-weighted sum of the selected experts' outputs.
/// No capacity limit. Tokens are dispatched sort-by-expert: grouped per expert, each expert runs once on its own
/// tokens, and the weighted outputs are scatter-added back; nothing is computed for unselected experts.
/// </summary>
/// <remarks>
/// The selection bias <c>beta</c> selects, it does not weigh (SPEC 3.1): top-k comes from <c>z_clean + beta</c>, the
/// gates are <c>softmax(z_clean)</c> renormalised over the selected set. After each forward pass
/// <see cref="LastRouting"/> holds what was routed, for <see cref="MoeTraceReducer"/>.
/// </remarks>
public sealed class MoeFeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear _router;
    private readonly ModuleList<GeluFeedForward> _experts;
    private float[]? _selectionBias;
    private float[]? _logitOffset;
    private int? _noiseExpert;
    private int? _maskedExpert;

    public MoeFeedForward(int dimension, int experts = 8, int topK = 2, int? hidden = null) : base(nameof(MoeFeedForward))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(experts, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topK, experts);

        Dimension = dimension;
        ExpertCount = experts;
        TopK = topK;
        Hidden = hidden ?? 2 * dimension;
        _router = nn.Linear(dimension, experts);
        _experts = nn.ModuleList(Enumerable.Range(0, experts).Select(_ => new GeluFeedForward(dimension, Hidden)).ToArray());
        RegisterComponents();
    }

    public int Dimension { get; }

    public int ExpertCount { get; }

    public int TopK { get; }

    /// <summary>Expert hidden width h (default 2d).</summary>
    public int Hidden { get; }

    public Linear Router => _router;

    /// <summary>Per-expert selection bias <c>beta</c> (length E) for the next forward passes; null for none.</summary>
    public float[]? SelectionBias
    {
        get => _selectionBias;
        set => _selectionBias = CheckedPerExpert(value, nameof(SelectionBias))?.ToArray();
    }

    /// <summary>
    /// Fault hook: added to the router logits themselves (selection and gates alike), as a router gone wrong would be;
    /// the forced-collapse fault puts +4 on experts 0 and 1. Null for none.
    /// </summary>
    public float[]? LogitOffset
    {
        get => _logitOffset;
        set => _logitOffset = CheckedPerExpert(value, nameof(LogitOffset))?.ToArray();
    }

    /// <summary>Fault hook: this expert's output is replaced by Gaussian noise of <see cref="NoiseScale"/>. Null for none.</summary>
    public int? NoiseExpert
    {
        get => _noiseExpert;
        set
        {
            if (value is { } expert) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)expert, (uint)ExpertCount, nameof(NoiseExpert));
            _noiseExpert = value;
        }
    }

    public float NoiseScale { get; set; } = 1f;

    /// <summary>
    /// Ablation hook (SPEC 3.6): this expert's gates are zeroed and each token's gates renormalised over its other selected
    /// experts; selection is unchanged. Null for none. Set only around held-out evaluations.
    /// </summary>
    public int? MaskedExpert
    {
        get => _maskedExpert;
        set
        {
            if (value is { } expert) ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)expert, (uint)ExpertCount, nameof(MaskedExpert));
            _maskedExpert = value;
        }
    }

    /// <summary>Switch auxiliary load-balancing weight alpha; 0 (the default) skips the loss entirely.</summary>
    public double AuxiliaryLossWeight { get; set; }

    /// <summary><c>alpha E sum_e f_e P_e</c> from the last forward pass (f_e: share of routed slots, P_e: mean router probability); null when disabled.</summary>
    public Tensor? LastAuxiliaryLoss { get; private set; }

    /// <summary>What the last forward pass routed; its tensors live in that pass's dispose scope.</summary>
    public MoeRoutingState? LastRouting { get; private set; }

    public GeluFeedForward Expert(int index) => _experts[index];

    /// <summary>All parameters of one expert.</summary>
    public long ExpertParameterCount => GeluFeedForward.ParameterCount(Dimension, Hidden);

    public override Tensor forward(Tensor input)
    {
        var x = input.reshape(-1, Dimension);
        var units = (int)x.shape[0];

        var clean = _router.forward(x);
        if (_logitOffset is { } offset) clean = clean.add(tensor(offset), LongLivedScalars.One);
        var selectionLogits = _selectionBias is { } bias ? clean.detach().add(tensor(bias), LongLivedScalars.One) : clean.detach();
        var selected = selectionLogits.topk(TopK, dim: 1).indexes;

        var probabilities = clean.softmax(1);
        var chosen = probabilities.gather(1, selected);
        // An ablation masks one expert: its gate mass goes to the other selected experts (a token it alone served gets 0).
        if (MaskedExpert is { } masked) chosen = chosen.mul(selected.ne(masked).to_type(chosen.dtype));
        var gates = MaskedExpert is null
            ? chosen.div(chosen.sum(1, keepdim: true))
            : chosen.div(chosen.sum(1, keepdim: true).clamp_min(1e-12));

        var plan = ExpertDispatchPlan.FromSelection(TensorCopy.ToLongs(selected), units, TopK, ExpertCount);
        var slotTokens = tensor(plan.SlotTokens);
        var slotGates = gates.reshape(-1).index_select(0, tensor(plan.SlotOrder));
        var routedInputs = x.index_select(0, slotTokens);

        var blocks = new List<Tensor>(ExpertCount);
        long start = 0;
        for (var e = 0; e < ExpertCount; e++)
        {
            var count = plan.Counts[e];
            if (count == 0) continue;
            blocks.Add(e == _noiseExpert
                ? Noise(count)
                : _experts[e].forward(routedInputs.narrow(0, start, count)));
            start += count;
        }

        var expertOutputs = blocks.Count == 1 ? blocks[0] : cat(blocks, 0);
        var weightedOutputs = expertOutputs.mul(slotGates.unsqueeze(1));
        var mixture = x.new_zeros(units, Dimension).index_add(0, slotTokens, weightedOutputs, LongLivedScalars.One);

        LastAuxiliaryLoss = AuxiliaryLossWeight > 0 ? SwitchAuxiliaryLoss(plan.Counts, probabilities, units) : null;
        LastRouting = new MoeRoutingState
        {
            Units = units,
            TopK = TopK,
            ExpertCount = ExpertCount,
            Dimension = Dimension,
            Input = x,
            CleanLogits = clean,
            SelectionBias = _selectionBias,
            Selected = selected,
            Gates = gates,
            Plan = plan,
            SlotTokens = slotTokens,
            SlotGates = slotGates,
            ExpertOutputs = expertOutputs,
            WeightedOutputs = weightedOutputs,
            Mixture = mixture,
        };

        return mixture.reshape(input.shape);
    }

    private Tensor Noise(long rows)
    {
        using var scale = NoiseScale.ToScalar();   // `using` keeps it alive through the native call
        return randn([rows, Dimension]).mul_(scale);
    }

    private Tensor SwitchAuxiliaryLoss(long[] counts, Tensor probabilities, int units)
    {
        var routedShare = new float[ExpertCount];
        for (var e = 0; e < ExpertCount; e++) routedShare[e] = counts[e] / (float)(units * TopK);
        using var weight = (AuxiliaryLossWeight * ExpertCount).ToScalar();
        return tensor(routedShare).mul(probabilities.mean([0])).sum().mul(weight);
    }

    private float[]? CheckedPerExpert(float[]? values, string name)
    {
        if (values is not null && values.Length != ExpertCount)
            throw new ArgumentException($"{name} holds {values.Length} values; this layer has {ExpertCount} experts.", name);
        return values;
    }
}
