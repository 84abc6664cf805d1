using Moecraft.Lifecycle;

namespace Moecraft.Coherence;

/// <summary>
/// Everything a router layer remembers between steps, as plain arrays and numbers so a grain can persist it as is.
/// NaN means "no sample yet" for clocks, <see cref="LogitScale"/> and <see cref="FastOverlapMass"/>; an all-zero role
/// vector likewise. <see cref="Bias"/> is the selection bias for the next step: the load part <see cref="LoadBias"/>
/// <c>b</c> plus the coherence part <see cref="CoherenceBias"/> <c>beta</c> (SPEC 3.1).
/// </summary>
public sealed class RouterLayerEngineState
{
    /// <summary><c>d</c>: width of expert outputs, sums and role vectors.</summary>
    public int OutputDimension { get; set; }

    /// <summary><c>d_in</c>: width of the gate inputs the centroids cluster.</summary>
    public int InputDimension { get; set; }

    public long Steps { get; set; }

    /// <summary>The active mask of the last step (the roster the lifecycle looks at).</summary>
    public bool[] Active { get; set; } = [];

    /// <summary><c>k_e</c>.</summary>
    public double[] BiasCoefficients { get; set; } = [];

    /// <summary><c>b_e + beta_e</c>, the selection bias to apply at the next step.</summary>
    public double[] Bias { get; set; } = [];

    /// <summary><c>b_e</c>: the load part (loss-free balancing's sign rule, in logits, uncapped).</summary>
    public double[] LoadBias { get; set; } = [];

    /// <summary><c>beta_e = r k_e s</c>: the coherence part (bounded by <c>k_max s</c>, damped by the bridge detector).</summary>
    public double[] CoherenceBias { get; set; } = [];

    /// <summary><c>s</c>: EMA(mid) of the clean logits' std.</summary>
    public double LogitScale { get; set; } = double.NaN;

    /// <summary><c>m_fast</c>: EMA(fast) of the overlap-only mass.</summary>
    public double FastOverlapMass { get; set; } = double.NaN;

    /// <summary><c>r</c> behind the current <see cref="Bias"/>.</summary>
    public double Relevance { get; set; } = 1;

    public ThreeClocks Phi { get; set; } = new();

    public ThreeClocks PhiLeaveOneOut { get; set; } = new();

    public ThreeClocks LoadShare { get; set; } = new();

    public long[] TokensSeen { get; set; } = [];

    public int[] DegradingStreaks { get; set; } = [];

    public CosineTwoMeans Centroids { get; set; } = new();

    /// <summary><c>E * d</c>, row-major by slot.</summary>
    public double[] RoleVectors { get; set; } = [];

    /// <summary>The last step's <c>L_e = n_e / (k T)</c>.</summary>
    public double[] LastLoadShares { get; set; } = [];

    public double LastPsi { get; set; } = double.NaN;

    public double LastPsiLeaveOneOut { get; set; } = double.NaN;

    /// <summary>Per slot, the router step of its latest ablation test (-1: none), with that test's figures below.</summary>
    public long[] AblationSteps { get; set; } = [];

    public double[] AblationBaselineLoss { get; set; } = [];

    public double[] AblationMaskedLoss { get; set; } = [];

    public int[] AblationBatches { get; set; } = [];

    /// <summary>The latest ablation test of <paramref name="slot"/>, or null.</summary>
    public AblationEvidence? Ablation(int slot) => AblationSteps[slot] < 0
        ? null
        : new AblationEvidence(slot, AblationSteps[slot], AblationBaselineLoss[slot], AblationMaskedLoss[slot], AblationBatches[slot]);

    /// <summary>Holds <paramref name="evidence"/> as its slot's latest test (null forgets the slot's).</summary>
    public void SetAblation(int slot, AblationEvidence? evidence)
    {
        AblationSteps[slot] = evidence?.Step ?? -1;
        AblationBaselineLoss[slot] = evidence?.BaselineLoss ?? 0;
        AblationMaskedLoss[slot] = evidence?.MaskedLoss ?? 0;
        AblationBatches[slot] = evidence?.Batches ?? 0;
    }


    public int Slots => Active.Length;

    /// <summary>A layer that has seen nothing yet, with <paramref name="active"/> as its roster.</summary>
    public static RouterLayerEngineState Create(bool[] active, int outputDimension, int inputDimension)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (active.Length == 0) throw new ArgumentException("A router layer needs at least one slot.", nameof(active));
        ArgumentOutOfRangeException.ThrowIfLessThan(outputDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDimension, 1);

        var slots = active.Length;
        return new RouterLayerEngineState
        {
            OutputDimension = outputDimension,
            InputDimension = inputDimension,
            Active = (bool[])active.Clone(),
            BiasCoefficients = new double[slots],
            Bias = new double[slots],
            LoadBias = new double[slots],
            CoherenceBias = new double[slots],
            Phi = ThreeClocks.Create(slots),
            PhiLeaveOneOut = ThreeClocks.Create(slots),
            LoadShare = ThreeClocks.Create(slots),
            TokensSeen = new long[slots],
            DegradingStreaks = new int[slots],
            Centroids = CosineTwoMeans.Create(slots, inputDimension),
            RoleVectors = new double[slots * outputDimension],
            LastLoadShares = new double[slots],
            AblationSteps = Enumerable.Repeat(-1L, slots).ToArray(),
            AblationBaselineLoss = new double[slots],
            AblationMaskedLoss = new double[slots],
            AblationBatches = new int[slots],
        };
    }

    /// <summary>A deep copy: no array is shared with this one.</summary>
    public RouterLayerEngineState Clone() => new()
    {
        OutputDimension = OutputDimension,
        InputDimension = InputDimension,
        Steps = Steps,
        Active = (bool[])Active.Clone(),
        BiasCoefficients = (double[])BiasCoefficients.Clone(),
        Bias = (double[])Bias.Clone(),
        LoadBias = (double[])LoadBias.Clone(),
        CoherenceBias = (double[])CoherenceBias.Clone(),
        LogitScale = LogitScale,
        FastOverlapMass = FastOverlapMass,
        Relevance = Relevance,
        Phi = Phi.Clone(),
        PhiLeaveOneOut = PhiLeaveOneOut.Clone(),
        LoadShare = LoadShare.Clone(),
        TokensSeen = (long[])TokensSeen.Clone(),
        DegradingStreaks = (int[])DegradingStreaks.Clone(),
        Centroids = Centroids.Clone(),
        RoleVectors = (double[])RoleVectors.Clone(),
        LastLoadShares = (double[])LastLoadShares.Clone(),
        LastPsi = LastPsi,
        LastPsiLeaveOneOut = LastPsiLeaveOneOut,
        AblationSteps = (long[])AblationSteps.Clone(),
        AblationBaselineLoss = (double[])AblationBaselineLoss.Clone(),
        AblationMaskedLoss = (double[])AblationMaskedLoss.Clone(),
        AblationBatches = (int[])AblationBatches.Clone(),
    };

    /// <summary>Checks a state (for example one read back from storage) before an engine uses it.</summary>
    /// <exception cref="ArgumentException">Arrays of inconsistent lengths or values out of range.</exception>
    public void Validate()
    {
        var slots = Active?.Length ?? 0;
        if (slots == 0) throw new ArgumentException("A router layer state needs at least one slot.");
        if (OutputDimension < 1 || InputDimension < 1)
            throw new ArgumentException($"Dimensions must be at least 1, got d = {OutputDimension}, d_in = {InputDimension}.");
        if (Steps < 0) throw new ArgumentException($"Step count cannot be negative ({Steps}).");
        if (BiasCoefficients?.Length != slots || Bias?.Length != slots || LoadBias?.Length != slots || CoherenceBias?.Length != slots
            || TokensSeen?.Length != slots
            || DegradingStreaks?.Length != slots || LastLoadShares?.Length != slots)
            throw new ArgumentException($"Per-slot arrays must each hold {slots} values.");
        if (RoleVectors?.Length != slots * OutputDimension)
            throw new ArgumentException($"Role vectors must hold {slots} x {OutputDimension} values.");
        if (Phi is null || PhiLeaveOneOut is null || LoadShare is null || Centroids is null)
            throw new ArgumentException("Clocks and centroids must be set.");
        Phi.ValidateShape(slots, nameof(Phi));
        PhiLeaveOneOut.ValidateShape(slots, nameof(PhiLeaveOneOut));
        LoadShare.ValidateShape(slots, nameof(LoadShare));
        Centroids.ValidateShape(slots, InputDimension);
        if (BiasCoefficients.Concat(Bias).Concat(LoadBias).Concat(CoherenceBias).Concat(RoleVectors).Concat(LastLoadShares).Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Bias, role vectors and load shares must be finite.");
        if (AblationSteps?.Length != slots || AblationBaselineLoss?.Length != slots || AblationMaskedLoss?.Length != slots || AblationBatches?.Length != slots)
            throw new ArgumentException($"Ablation arrays must each hold {slots} values.");
        for (var e = 0; e < slots; e++) Ablation(e)?.Validate(slots);
        if (TokensSeen.Any(t => t < 0) || DegradingStreaks.Any(s => s < 0))
            throw new ArgumentException("Tokens seen and degrading streaks cannot be negative.");
        if (double.IsInfinity(LogitScale) || LogitScale < 0) throw new ArgumentException($"Logit scale must be >= 0 or NaN, got {LogitScale}.");
        if (double.IsInfinity(FastOverlapMass) || FastOverlapMass < 0) throw new ArgumentException($"m_fast must be >= 0 or NaN, got {FastOverlapMass}.");
        if (!(Relevance >= 0 && Relevance <= 1)) throw new ArgumentException($"Relevance must be in [0, 1], got {Relevance}.");
    }
}
