using Moecraft.Coherence;
using Moecraft.Lifecycle;

namespace Moecraft.Routing;

/// <summary>
/// The persisted form of <see cref="RouterLayerEngineState"/>: the same arrays and numbers under stable ids, so the
/// engine's plain classes stay free of Orleans. Ids are a persisted contract: never reorder or reuse them.
/// </summary>
[GenerateSerializer, Alias("moecraft.EngineStateRecord")]
public sealed class EngineStateRecord
{
    [Id(0)] public int OutputDimension { get; set; }
    [Id(1)] public int InputDimension { get; set; }
    [Id(2)] public long Steps { get; set; }
    [Id(3)] public bool[] Active { get; set; } = [];
    [Id(4)] public double[] BiasCoefficients { get; set; } = [];
    [Id(5)] public double[] Bias { get; set; } = [];
    [Id(6)] public double LogitScale { get; set; }
    [Id(7)] public double FastOverlapMass { get; set; }
    [Id(8)] public double Relevance { get; set; }
    [Id(9)] public double[][] Phi { get; set; } = [];
    [Id(10)] public double[][] PhiLeaveOneOut { get; set; } = [];
    [Id(11)] public double[][] LoadShare { get; set; } = [];
    [Id(12)] public long[] TokensSeen { get; set; } = [];
    [Id(13)] public int[] DegradingStreaks { get; set; } = [];
    [Id(14)] public int CentroidDimension { get; set; }
    [Id(15)] public double[] FirstCentroids { get; set; } = [];
    [Id(16)] public double[] SecondCentroids { get; set; } = [];
    [Id(17)] public double[] FirstCounts { get; set; } = [];
    [Id(18)] public double[] SecondCounts { get; set; } = [];
    [Id(19)] public double[] RoleVectors { get; set; } = [];
    [Id(20)] public double[] LastLoadShares { get; set; } = [];
    [Id(21)] public double LastPsi { get; set; }
    [Id(22)] public double LastPsiLeaveOneOut { get; set; }

    /// <summary>The load part <c>b</c> of <see cref="Bias"/>; empty in states written before the bias was split.</summary>
    [Id(23)] public double[] LoadBias { get; set; } = [];

    /// <summary>The coherence part <c>beta</c> of <see cref="Bias"/>; empty in states written before the bias was split.</summary>
    [Id(24)] public double[] CoherenceBias { get; set; } = [];

    /// <summary>Per slot, the router step of its latest ablation test (-1: none); empty in states written before ablations.</summary>
    [Id(25)] public long[] AblationSteps { get; set; } = [];

    [Id(26)] public double[] AblationBaselineLoss { get; set; } = [];

    [Id(27)] public double[] AblationMaskedLoss { get; set; } = [];

    [Id(28)] public int[] AblationBatches { get; set; } = [];

    public static EngineStateRecord From(RouterLayerEngineState state) => new()
    {
        OutputDimension = state.OutputDimension,
        InputDimension = state.InputDimension,
        Steps = state.Steps,
        Active = state.Active,
        BiasCoefficients = state.BiasCoefficients,
        Bias = state.Bias,
        LogitScale = state.LogitScale,
        FastOverlapMass = state.FastOverlapMass,
        Relevance = state.Relevance,
        Phi = Clocks(state.Phi),
        PhiLeaveOneOut = Clocks(state.PhiLeaveOneOut),
        LoadShare = Clocks(state.LoadShare),
        TokensSeen = state.TokensSeen,
        DegradingStreaks = state.DegradingStreaks,
        CentroidDimension = state.Centroids.Dimension,
        FirstCentroids = state.Centroids.First,
        SecondCentroids = state.Centroids.Second,
        FirstCounts = state.Centroids.FirstCounts,
        SecondCounts = state.Centroids.SecondCounts,
        RoleVectors = state.RoleVectors,
        LastLoadShares = state.LastLoadShares,
        LastPsi = state.LastPsi,
        LastPsiLeaveOneOut = state.LastPsiLeaveOneOut,
        LoadBias = state.LoadBias,
        CoherenceBias = state.CoherenceBias,
        AblationSteps = state.AblationSteps,
        AblationBaselineLoss = state.AblationBaselineLoss,
        AblationMaskedLoss = state.AblationMaskedLoss,
        AblationBatches = state.AblationBatches,
    };

    public RouterLayerEngineState ToEngineState() => new()
    {
        OutputDimension = OutputDimension,
        InputDimension = InputDimension,
        Steps = Steps,
        Active = Active,
        BiasCoefficients = BiasCoefficients,
        Bias = Bias,
        LogitScale = LogitScale,
        FastOverlapMass = FastOverlapMass,
        Relevance = Relevance,
        Phi = Clocks(Phi),
        PhiLeaveOneOut = Clocks(PhiLeaveOneOut),
        LoadShare = Clocks(LoadShare),
        TokensSeen = TokensSeen,
        DegradingStreaks = DegradingStreaks,
        Centroids = new CosineTwoMeans
        {
            Dimension = CentroidDimension,
            First = FirstCentroids,
            Second = SecondCentroids,
            FirstCounts = FirstCounts,
            SecondCounts = SecondCounts,
        },
        RoleVectors = RoleVectors,
        LastLoadShares = LastLoadShares,
        LastPsi = LastPsi,
        LastPsiLeaveOneOut = LastPsiLeaveOneOut,
        // Before the split, Bias was beta alone and there was no load part.
        LoadBias = LoadBias.Length == 0 ? new double[Bias.Length] : LoadBias,
        CoherenceBias = CoherenceBias.Length == 0 ? (double[])Bias.Clone() : CoherenceBias,
        // Before ablations: none measured for any slot.
        AblationSteps = AblationSteps.Length == 0 ? [.. Active.Select(_ => -1L)] : AblationSteps,
        AblationBaselineLoss = AblationBaselineLoss.Length == 0 ? new double[Active.Length] : AblationBaselineLoss,
        AblationMaskedLoss = AblationMaskedLoss.Length == 0 ? new double[Active.Length] : AblationMaskedLoss,
        AblationBatches = AblationBatches.Length == 0 ? new int[Active.Length] : AblationBatches,
    };

    private static double[][] Clocks(ThreeClocks clocks) => [clocks.Fast, clocks.Mid, clocks.Slow];

    private static ThreeClocks Clocks(double[][] clocks) =>
        clocks.Length == 3
            ? new ThreeClocks { Fast = clocks[0], Mid = clocks[1], Slow = clocks[2] }
            : throw new InvalidOperationException("A persisted clock must hold fast, mid and slow arrays.");
}
