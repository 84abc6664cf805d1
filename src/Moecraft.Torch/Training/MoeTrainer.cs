using System.Diagnostics;
using Moecraft.Torch.CharModel;
using Moecraft.Torch.Moe;
using TorchSharp;
using static TorchSharp.torch;

namespace Moecraft.Torch.Training;

/// <summary>
/// Trains a <see cref="CharMoeModel"/> on the character corpus the toy bench's way: AdamW, warm-up then cosine
/// learning rate, gradient clipping, seeded batches. Each step runs in its own dispose scope; after it, an optional
/// <see cref="ISelectionBiasController"/> sees the per-layer trace summaries and sets the selection bias for the next step.
/// </summary>
public sealed class MoeTrainer : IDisposable
{
    private readonly CharCorpus _corpus;
    private readonly MoeTrainerOptions _options;
    private readonly CharMoeModel _model;
    private readonly AdamWOptimizer _optimizer;
    private readonly WarmupCosineSchedule _schedule;
    private readonly Random _batchRandom;
    private readonly MoeTraceReducer[] _reducers;
    private IReadOnlyList<TokenBatch>? _validationBatches;
    private IReadOnlyList<TokenBatch>? _ablationBatches;
    private bool _started;

    public MoeTrainer(CharCorpus corpus, CharModelConfig config, MoeTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (config.VocabularySize != corpus.Vocabulary.Count)
            throw new ArgumentException($"The model has {config.VocabularySize} symbols; the corpus has {corpus.Vocabulary.Count}.", nameof(config));
        if (options.Context > config.Context)
            throw new ArgumentException($"Training context {options.Context} exceeds the model's {config.Context}.", nameof(options));

        _corpus = corpus;
        _options = options;
        set_num_threads(options.Threads);
        manual_seed(options.Seed);
        _model = new CharMoeModel(config);
        _optimizer = new AdamWOptimizer(_model.parameters(), options.LearningRate, options.Beta1, options.Beta2, options.WeightDecay);
        _schedule = new WarmupCosineSchedule(options.LearningRate, options.MinLearningRate, options.WarmupSteps, options.Steps);
        _batchRandom = new Random(options.Seed);
        _reducers = _model.MoeLayers
            .Select((_, layer) => new MoeTraceReducer(HashCode.Combine(options.Seed, layer), options.TraceSampleFraction, options.TraceInputsPerExpert))
            .ToArray();
        foreach (var layer in _model.MoeLayers) layer.AuxiliaryLossWeight = options.AuxiliaryLossWeight;
        Parameters = _model.CountParameters();
    }

    public CharMoeModel Model => _model;

    public ParameterCount Parameters { get; }

    /// <summary>Runs <see cref="MoeTrainerOptions.Steps"/> steps, then validates. A trainer runs once: its schedule and seeds start at step 0.</summary>
    public async Task<MoeTrainingResult> TrainAsync(ISelectionBiasController? controller = null, CancellationToken cancellationToken = default)
    {
        if (_started) throw new InvalidOperationException("This trainer has already run; create a new one for another run.");
        _started = true;

        var records = new List<MoeStepRecord>(_options.Steps);
        IReadOnlyList<ExpertAblationResult> ablations = [];
        var lastAblationStep = -_options.AblationInterval;
        for (var step = 0; step < _options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ApplyFaults(step);
            var outcome = RunStep(step, reduceTraces: controller is not null);

            var controllerSeconds = 0.0;
            var ablationSeconds = 0.0;
            if (controller is not null)
            {
                // Outside the step's dispose scope: the controller may await.
                var started = Stopwatch.GetTimestamp();
                var bias = await controller.AfterStepAsync(new MoeStepObservation(step, outcome.Loss, outcome.Traces) { Ablations = ablations }, cancellationToken)
                    .ConfigureAwait(false);
                ApplySelectionBias(bias);
                controllerSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

                ablations = [];
                if (controller.WantedAblations is { Count: > 0 } wanted && step - lastAblationStep >= _options.AblationInterval)
                {
                    var ablationStarted = Stopwatch.GetTimestamp();
                    ablations = MeasureAblations(wanted);
                    lastAblationStep = step;
                    ablationSeconds = Stopwatch.GetElapsedTime(ablationStarted).TotalSeconds;
                }
            }

            records.Add(new MoeStepRecord(
                step,
                outcome.Loss,
                outcome.AuxiliaryLoss,
                outcome.LearningRate,
                outcome.StepSeconds,
                outcome.TraceSeconds,
                controllerSeconds,
                outcome.LayerCounts,
                Tensor.TotalCount,
                DisposeScopeManager.Statistics.ThreadTotalLiveCount) { AblationSeconds = ablationSeconds });
        }

        return new MoeTrainingResult(Parameters, records, Validate());
    }

    /// <summary>Mean loss and per-layer expert counts on the fixed validation batches, with the layers' current bias and faults.</summary>
    public MoeValidationResult Validate()
    {
        _validationBatches ??= _corpus.ValidationBatches(
            _options.ValidationBatches, _options.ValidationBatchSize, _options.Context, _options.ValidationSeed);

        var counts = _model.MoeLayers.Select(layer => new long[layer.ExpertCount]).ToArray();
        var lossSum = 0.0;
        foreach (var batch in _validationBatches)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (inputs, targets) = ToTensors(batch);
            lossSum += Loss(_model.forward(inputs), targets).item<float>();
            for (var layer = 0; layer < counts.Length; layer++)
            {
                var routed = _model.MoeLayers[layer].LastRouting!.Counts;
                for (var e = 0; e < routed.Length; e++) counts[layer][e] += routed[e];
            }
        }

        return new MoeValidationResult(lossSum / Math.Max(1, _validationBatches.Count), counts);
    }

    /// <summary>
    /// Ablation tests (SPEC 3.6) on the held-out batches, with the layers' current bias and faults: the mean loss as the
    /// model routes, and with each requested expert masked (its gate mass renormalised over the other selected experts).
    /// </summary>
    /// <exception cref="ArgumentException">A request names a layer or expert the model does not have.</exception>
    public IReadOnlyList<ExpertAblationResult> MeasureAblations(IReadOnlyList<ExpertAblationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            if (request.Layer < 0 || request.Layer >= _model.MoeLayers.Count || request.Expert < 0 || request.Expert >= _model.MoeLayers[request.Layer].ExpertCount)
                throw new ArgumentException($"No expert {request.Expert} in MoE layer {request.Layer}.", nameof(requests));
        }
        _ablationBatches ??= _corpus.ValidationBatches(_options.AblationBatches, _options.BatchSize, _options.Context, _options.AblationSeed);

        var baseline = HeldOutLoss(_ablationBatches);
        var results = new List<ExpertAblationResult>(requests.Count);
        foreach (var request in requests.Distinct())
        {
            var layer = _model.MoeLayers[request.Layer];
            layer.MaskedExpert = request.Expert;
            try
            {
                results.Add(new ExpertAblationResult(request.Layer, request.Expert, baseline, HeldOutLoss(_ablationBatches), _ablationBatches.Count));
            }
            finally
            {
                layer.MaskedExpert = null;
            }
        }
        return results;
    }

    private double HeldOutLoss(IReadOnlyList<TokenBatch> batches)
    {
        var sum = 0.0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (inputs, targets) = ToTensors(batch);
            sum += Loss(_model.forward(inputs), targets).item<float>();
        }
        return sum / Math.Max(1, batches.Count);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
    }

    private StepOutcome RunStep(int step, bool reduceTraces)
    {
        var batch = _corpus.SampleTrain(_batchRandom, _options.BatchSize, _options.Context);
        var learningRate = _schedule.At(step);
        _optimizer.LearningRate = learningRate;

        var started = Stopwatch.GetTimestamp();
        using var scope = NewDisposeScope();
        var (inputs, targets) = ToTensors(batch);

        _optimizer.ZeroGrad();
        var loss = Loss(_model.forward(inputs), targets);
        var auxiliary = _model.AuxiliaryLoss();
        (auxiliary is null ? loss : loss.add(auxiliary, LongLivedScalars.One)).backward();
        nn.utils.clip_grad_norm_(_model.parameters(), _options.GradientClipNorm);
        _optimizer.Step();

        var lossValue = loss.item<float>();
        var auxiliaryValue = auxiliary?.item<float>() ?? 0f;
        var layerCounts = _model.MoeLayers.Select(layer => layer.LastRouting!.Counts.ToArray()).ToArray();
        var stepSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var traceStarted = Stopwatch.GetTimestamp();
        var traces = reduceTraces
            ? _model.MoeLayers.Select((layer, i) => _reducers[i].Reduce(layer.LastRouting!)).ToArray()
            : [];
        var traceSeconds = reduceTraces ? Stopwatch.GetElapsedTime(traceStarted).TotalSeconds : 0;

        return new StepOutcome(lossValue, auxiliaryValue, learningRate, stepSeconds, traceSeconds, layerCounts, traces);
    }

    private void ApplyFaults(int step)
    {
        var faults = _options.Faults;
        foreach (var layer in _model.MoeLayers)
        {
            layer.LogitOffset = faults.LogitOffsetAt(step, layer.ExpertCount);
            layer.NoiseExpert = faults.NoiseExpertAt(step);
            layer.NoiseScale = faults.NoiseScale;
        }
    }

    private void ApplySelectionBias(IReadOnlyList<float[]?> bias)
    {
        if (bias.Count != _model.MoeLayers.Count)
            throw new InvalidOperationException($"The controller returned {bias.Count} bias vectors for {_model.MoeLayers.Count} MoE layers.");
        for (var layer = 0; layer < bias.Count; layer++) _model.MoeLayers[layer].SelectionBias = bias[layer];
    }

    private static (Tensor Inputs, Tensor Targets) ToTensors(TokenBatch batch) =>
        (tensor(batch.Inputs, [batch.BatchSize, batch.Context]), tensor(batch.Targets, [batch.BatchSize, batch.Context]));

    private Tensor Loss(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits.reshape(-1, _model.Config.VocabularySize), targets.reshape(-1));

    private sealed record StepOutcome(
        double Loss,
        double AuxiliaryLoss,
        double LearningRate,
        double StepSeconds,
        double TraceSeconds,
        long[][] LayerCounts,
        IReadOnlyList<MoeTraceSummary> Traces);
}
