using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Replay;
using Moecraft.Gating;
using Moecraft.Torch.LlmGating;

namespace Moecraft.Benchmarks.Replay;

/// <summary>
/// The replay harness (BENCHMARKS 2, issue 14). Per seed it trains the gate's success predictor on the train items (every
/// recorded quality fed back as a score, in a seeded order: online, as feedback arrives) on the embedding plus the prompt
/// statistics, exactly as the router layer grain composes them, then routes the test items without feedback through the
/// replay backends, looked up by item id, while sweeping the quality target of the same policy classes the request path
/// runs: gain per cost, cheapest acceptable, and the answer-aware cascade (the cheapest expert answers first; a second
/// predictor, of that answer's acceptability from the prompt and the recorded answer, decides whether to escalate).
/// The gain-per-cost policy also reads two estimates fitted once on the train items (<see cref="ReplayMemoryGains"/>): the
/// nearest-neighbour gain on the prompt embedding and the batch-refit gain model; both are deterministic, so they run once.
/// Baselines beside them: the exact random mix of cheapest and premium (and a sampled one, per seed), a length-only rule,
/// every expert alone (prompt-blind), and the oracle that knows every outcome.
/// </summary>
internal sealed class ReplayHarness(ReplayDataset dataset, IReadOnlyDictionary<string, ExpertPricing> prices, ReplayOptions options, ReplayEmbedder embedder)
{
    private const double RequiredShareOfBest = 0.95;
    private const double LatencyTarget = 0.8;   // the quality target used while timing decisions
    private const int LatencyRepetitions = 300;

    // 220 characters: the prompt size the latency goal names (BENCHMARKS 2).
    private const string LatencyPrompt =
        "A train leaves the station at 9:40 and travels 180 km at an average speed of 72 km/h, then waits 15 minutes and " +
        "covers the remaining 54 km at 90 km/h. At what time does it arrive, and what was its average speed, overall?";

    private readonly Dictionary<string, ReplayChatClient> _clients = dataset.Experts.ToDictionary(e => e, e => new ReplayChatClient(e, dataset), StringComparer.Ordinal);

    public async Task<ReplayResult> RunAsync(string datasetName, TextWriter log)
    {
        var experts = dataset.Experts;
        var missing = experts.Where(e => !prices.ContainsKey(e)).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"No price for expert(s) {string.Join(", ", missing)}.");
        if (dataset.Train.Count == 0 || dataset.Test.Count == 0)
            throw new ArgumentException($"The dataset needs train and test items; it has {dataset.Train.Count} and {dataset.Test.Count}.");
        if (experts.Count < 2) throw new ArgumentException("Routing needs at least two experts.");

        // Expected cost per call from the train items: what a router can know before it routes.
        var expectedCost = experts.ToDictionary(e => e, e => MeanCost(dataset.Train, e) ?? MeanCost(dataset.Items, e)!.Value, StringComparer.Ordinal);
        var cheapest = experts.OrderBy(e => expectedCost[e]).First();
        var premium = experts.OrderByDescending(e => expectedCost[e]).First();
        var test = dataset.Test;

        var started = Stopwatch.GetTimestamp();
        var inputs = await EmbedAsync();
        log.WriteLine($"Embedded {dataset.Items.Count} prompts and their recorded answers with {embedder.Name} (d = {embedder.Dimension}) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");

        var singles = new List<ReplayExpertSummary>();
        var singlePoints = new Dictionary<string, ReplayCurvePoint>(StringComparer.Ordinal);
        foreach (var (expert, index) in experts.Select((e, i) => (e, i)))
        {
            var point = await EvaluateAsync(premium, index, Single(i => test[i].Outcomes.ContainsKey(expert) ? expert : cheapest));
            singlePoints[expert] = point;
            singles.Add(new ReplayExpertSummary(expert, prices[expert].InputPerMillion, prices[expert].OutputPerMillion, point.Cost, point.Quality));
        }
        var bestSingle = singles.MaxBy(s => s.Quality)!;
        var required = RequiredShareOfBest * bestSingle.Quality;
        var cheapestPoint = ToOperatingPoint(singlePoints[cheapest]);
        var premiumPoint = ToOperatingPoint(singlePoints[premium]);

        var targets = Enumerable.Range(0, (int)Math.Round(1 / options.TargetStep) + 1).Select(k => Math.Min(1, k * options.TargetStep)).ToArray();
        var gain = new List<List<ReplayCurvePoint>>();
        var gainHead = new List<List<ReplayCurvePoint>>();
        var cascadeGain = new List<List<ReplayCurvePoint>>();
        var gainCalibration = new List<Calibration>();
        var cheapestAcceptable = new List<List<ReplayCurvePoint>>();
        var cascade = new List<List<ReplayCurvePoint>>();
        var consistent = new List<List<ReplayCurvePoint>>();
        // The consistency check's further answers: as many as every test item's cheapest outcome records (0: the data has none).
        var consistencySamples = test.Where(i => i.Outcomes.ContainsKey(cheapest)).Select(i => i.Outcomes[cheapest].SampleList.Count).DefaultIfEmpty(0).Min();
        var sampled = new List<List<ReplayCurvePoint>>();
        var calibration = experts.ToDictionary(e => e, _ => new List<Calibration>(), StringComparer.Ordinal);
        var seeds = Enumerable.Range(options.Seed, options.Seeds).ToArray();
        double trainSeconds = 0;

        // The estimates that learn from the train items themselves (no seed, no order): fitted once, replayed with the first seed.
        var memoryStarted = Stopwatch.GetTimestamp();
        var neighbours = ReplayMemoryGains.Neighbours(dataset.Train, test, item => inputs.Prompts[item.Id], embedder.Dimension, options.MemoryCapacity,
            options.NeighbourSettings, cheapest, premium);
        var batch = ReplayMemoryGains.Batch(dataset.Train, test, item => [.. inputs.Prompts[item.Id], .. inputs.Statistics[item.Id]],
            embedder.Dimension + PromptStatistics.Count, options.MemoryCapacity, options.BatchSettings, cheapest, premium);
        log.WriteLine($"Fitted the nearest-neighbour estimate ({neighbours.Length} setting(s)) and the batch gain model ({batch.Length} setting(s)) in {Stopwatch.GetElapsedTime(memoryStarted).TotalSeconds:0.0} s.");
        var neighbourPoints = neighbours.Select(_ => new List<ReplayCurvePoint>()).ToArray();
        var batchPoints = batch.Select(_ => new List<ReplayCurvePoint>()).ToArray();
        foreach (var seed in seeds)
        {
            var trained = Stopwatch.GetTimestamp();
            using var gate = Train(experts, inputs, seed, acceptability: false);
            using var acceptability = Train(experts, inputs, seed, acceptability: true);
            var gainPredictor = TrainGain(gate, inputs, seed);
            var answerGainPredictor = TrainAnswerGain(acceptability, inputs, seed, cheapest);
            trainSeconds += Stopwatch.GetElapsedTime(trained).TotalSeconds;

            var estimates = test.Select(item => Available(Options(gate, inputs, item, expectedCost), item)).ToArray();
            var gains = test.Select(item => gainPredictor.PredictAll(GateFeatures(gate, inputs, item), [.. item.Outcomes.Keys])).ToArray();
            // The gain head's calibration: its probability that the premium expert's answer beats the cheapest one's, against
            // the positive part of the observed gain (with scores of 0 and 1: whether premium won; with soft scores its soft target).
            var better = test.Where(item => item.Outcomes.ContainsKey(cheapest) && item.Outcomes.ContainsKey(premium))
                .Select(item => (gainPredictor.ProbabilityBetter(GateFeatures(gate, inputs, item), cheapest, premium), Math.Max(0, item.Outcomes[premium].Quality - item.Outcomes[cheapest].Quality)))
                .Where(p => p.Item1 is not null).Select(p => (p.Item1!.Value, p.Item2)).ToArray();
            if (better.Length > 0) gainCalibration.Add(Calibration.Of(better));
            foreach (var expert in experts)
            {
                var pairs = test.Select((item, i) => (item, i)).Where(t => t.item.Outcomes.ContainsKey(expert))
                    .Select(t => (estimates[t.i].First(o => o.ExpertId == expert).SuccessMean, t.item.Outcomes[expert].Quality)).ToArray();
                if (pairs.Length > 0) calibration[expert].Add(Calibration.Of(pairs));
            }

            var gainPoints = new List<ReplayCurvePoint>();
            var gainHeadPoints = new List<ReplayCurvePoint>();
            var cascadeGainPoints = new List<ReplayCurvePoint>();
            // After the cheapest expert answered: the gain of each dearer one, predicted from the prompt and that answer.
            var answerGains = test.Select(item => item.Outcomes.ContainsKey(cheapest)
                ? answerGainPredictor.PredictAll(AnswerInput(inputs, item, cheapest), [.. item.Outcomes.Keys])
                : PredictedGains.None).ToArray();
            var cheapestPoints = new List<ReplayCurvePoint>();
            var cascadePoints = new List<ReplayCurvePoint>();
            var consistentPoints = new List<ReplayCurvePoint>();
            // The acceptability of each expert's recorded answer to each test item: it does not depend on the target.
            var accepted = test.Select(item => item.Outcomes.Keys.ToDictionary(
                e => e, e => acceptability.Predict(AnswerInput(inputs, item, e)).First(p => p.ExpertId == e).Mean, StringComparer.Ordinal)).ToArray();
            foreach (var target in targets)
            {
                var byGain = new GainPerCostPolicy(target);
                gainPoints.Add(await EvaluateAsync(premium, target, Single(i => byGain.Choose(estimates[i]).ExpertId)));
                gainHeadPoints.Add(await EvaluateAsync(premium, target, Single(i => byGain.Choose(estimates[i], gains[i]).ExpertId)));
                cascadeGainPoints.Add(await EvaluateAsync(premium, target, async (i, ask) =>
                {
                    // The cheapest expert answers first; the gain policy then reads the answer-aware gains (both calls are paid).
                    if (!test[i].Outcomes.ContainsKey(cheapest)) return await Single(j => byGain.Choose(estimates[j], gains[j]).ExpertId)(i, ask);
                    await ask(cheapest, 0);
                    var choice = byGain.Choose(estimates[i], answerGains[i]).ExpertId;
                    if (choice != cheapest) await ask(choice, 0);
                    return choice;
                }));
                if (seed == seeds[0])
                {
                    foreach (var (predictions, points) in neighbours.Zip(neighbourPoints).Concat(batch.Zip(batchPoints)))
                        points.Add(await EvaluateAsync(premium, target, Single(i => byGain.Choose(estimates[i], predictions.Gains[i]).ExpertId)));
                }
                var byPrice = new CheapestAcceptablePolicy(target, options.UncertaintyPenalty);
                cheapestPoints.Add(await EvaluateAsync(premium, target, Single(i => byPrice.Choose(estimates[i]).ExpertId)));
                var stages = new CascadePolicy(target, options.MaxUncertainty);
                cascadePoints.Add(await EvaluateAsync(premium, target, async (i, ask) =>
                {
                    // The cheapest stage answers first; a stage whose answer is predicted unacceptable escalates (CascadePolicy.Escalate).
                    var stage = stages.Stages(estimates[i])[0].ExpertId;
                    while (true)
                    {
                        await ask(stage, 0);
                        if (stages.Escalate(estimates[i], stage, accepted[i][stage]) is not { } next) return stage;
                        stage = next.ExpertId;
                    }
                }));
                if (consistencySamples > 0)
                {
                    consistentPoints.Add(await EvaluateAsync(premium, target, async (i, ask) =>
                    {
                        // As the cascade above, but the first stage also gives its further answers; when their final answers
                        // disagree it is judged 0 (AnswerAgreement.Judged), so any target above 0 escalates it.
                        var stage = stages.Stages(estimates[i])[0].ExpertId;
                        var texts = new List<string> { await ask(stage, 0) };
                        var further = test[i].Outcomes[stage].SampleList.Count;
                        for (var n = 1; n <= Math.Min(consistencySamples, further); n++) texts.Add(await ask(stage, n));
                        var score = AnswerAgreement.Judged(accepted[i][stage], AnswerAgreement.Of(texts))!.Value;
                        while (stages.Escalate(estimates[i], stage, score) is { } next)
                        {
                            stage = next.ExpertId;
                            await ask(stage, 0);
                            score = accepted[i][stage];
                        }
                        return stage;
                    }));
                }
            }
            gain.Add(gainPoints);
            gainHead.Add(gainHeadPoints);
            cascadeGain.Add(cascadeGainPoints);
            cheapestAcceptable.Add(cheapestPoints);
            cascade.Add(cascadePoints);
            if (consistencySamples > 0) consistent.Add(consistentPoints);

            // A sampled random router: premium with probability p, else the cheapest; one seeded draw per item.
            var random = new Random(seed + 1);
            var randomPoints = new List<ReplayCurvePoint>();
            for (var k = 0; k <= 10; k++)
            {
                var p = k / 10.0;
                var draws = test.Select(_ => random.NextDouble()).ToArray();
                randomPoints.Add(await EvaluateAsync(premium, p, Single(i => draws[i] < p ? premium : cheapest)));
            }
            sampled.Add(randomPoints);
            log.WriteLine($"Seed {seed}: trained and replayed ({gate.Observations} feedback steps per predictor).");
        }

        // Length only: premium for the longest prompts, at each premium share.
        var lengths = test.Select(i => i.Prompt.Length).ToArray();
        var lengthPoints = new List<ReplayCurvePoint>();
        for (var k = 0; k <= 20; k++)
        {
            var flags = LengthOnlyRule.Premium(lengths, k / 20.0);
            lengthPoints.Add(await EvaluateAsync(premium, k / 20.0, Single(i => flags[i] ? premium : cheapest)));
        }

        // The exact random mix: the straight line between the two single-expert points.
        var exact = RandomMixBaseline.Line(cheapestPoint, premiumPoint, 10)
            .Select((p, k) => new ReplayCurvePoint(k / 10.0, p.Cost, p.Quality, p.PremiumShare, experts.ToDictionary(
                e => e, e => e == premium ? p.PremiumShare : e == cheapest ? 1 - p.PremiumShare : 0, StringComparer.Ordinal)))
            .ToList();

        // Oracle: per item the expert maximising quality - lambda x cost, from the recorded outcomes; lambda swept.
        var scale = 1 / expectedCost[premium];
        var lambdas = new[] { 0.0 }.Concat(Enumerable.Range(0, 61).Select(k => scale * Math.Pow(10, -3 + 6.0 * k / 60))).Append(double.PositiveInfinity);
        var oraclePoints = new List<ReplayCurvePoint>();
        foreach (var lambda in lambdas)
        {
            oraclePoints.Add(await EvaluateAsync(premium, lambda, Single(i => test[i].Outcomes
                .OrderByDescending(o => double.IsPositiveInfinity(lambda) ? -CostOf(o.Key, o.Value) : o.Value.Quality - lambda * CostOf(o.Key, o.Value))
                .ThenBy(o => CostOf(o.Key, o.Value))
                .First().Key)));
        }

        var cheapWins = test.Count(i => i.Outcomes.TryGetValue(cheapest, out var c) && i.Outcomes.TryGetValue(premium, out var p) && c.Quality > p.Quality) / (double)test.Count;
        ReplayRouterResult Summarise(string name, string setting, IReadOnlyList<List<ReplayCurvePoint>> runs)
        {
            var apgrs = runs.Select(r => ReplayMetrics.Apgr([.. r.Select(ToOperatingPoint)], cheapestPoint, premiumPoint)).ToArray();
            var shares = runs.Select(r => ReplayMetrics.PremiumShareToReach([.. r.Select(ToOperatingPoint)], cheapestPoint, premiumPoint, required)).ToArray();
            var apgr = Spread.Of(apgrs)!;
            var share = Spread.Of(shares);
            var note = apgr.Max > 1
                ? $"APGR above 1: on {(100 * cheapWins).ToString("0", CultureInfo.InvariantCulture)}% of the test items the cheapest expert scores higher than the premium one, so a " +
                  "router that picks per item can beat always-premium quality for less than its cost; the gap between the two " +
                  "averages is then not the most there is to recover."
                : null;
            return new ReplayRouterResult(name, setting, runs[0], apgr.Mean, share?.Mean, apgr, share, note);
        }

        var latency = await MeasureLatencyAsync(experts, expectedCost);
        return new ReplayResult(
            datasetName, dataset.Train.Count, test.Count, seeds, options.Heads, options.Epochs, options.UncertaintyPenalty, options.MaxUncertainty,
            embedder.Name, embedder.Dimension, embedder.Dimension + PromptStatistics.Count,
            cheapest, premium, bestSingle.Id, required, singles,
            [
                Summarise("learned (gain per cost, gain head)", "quality target", gainHead),
                .. neighbours.Zip(neighbourPoints).Select(n => Summarise(
                    "learned (gain per cost, neighbours" + (neighbours.Length > 1 ? $"; {n.First.Setting})" : ")"), "quality target", [n.Second])),
                .. batch.Zip(batchPoints).Select(b => Summarise(
                    "learned (gain per cost, batch gain model" + (batch.Length > 1 ? $"; {b.First.Setting})" : ")"), "quality target", [b.Second])),
                Summarise("learned (gain per cost, success difference)", "quality target", gain),
                Summarise("learned (cheapest acceptable)", "quality target", cheapestAcceptable),
                Summarise("learned (cascade, answer-aware)", "quality target", cascade),
                Summarise("learned (cascade, answer-aware gain head)", "quality target", cascadeGain),
                .. consistent.Count == 0 ? Array.Empty<ReplayRouterResult>() : [Summarise(
                    $"learned (cascade, answer-aware, consistency of {consistencySamples + 1} answers)", "quality target", consistent)],
                Summarise("random (exact cheapest/premium mix)", "premium probability", [exact]),
                Summarise("random (sampled, per seed)", "premium probability", sampled),
                Summarise("length only (longest prompts to premium)", "premium share", [lengthPoints]),
                Summarise("best fixed expert (prompt-blind)", "expert index", [[.. singlePoints.Values]]),
                Summarise("oracle", "lambda", [oraclePoints]),
            ],
            [.. experts.Where(e => calibration[e].Count > 0).Select(e => new ReplayCalibration(
                e, Spread.Of(calibration[e].Select(c => c.Brier))!, Spread.Of(calibration[e].Select(c => c.ExpectedCalibrationError))!)),
             .. gainCalibration.Count == 0 ? Array.Empty<ReplayCalibration>() : [new ReplayCalibration(
                $"gain head: P({premium} beats {cheapest})", Spread.Of(gainCalibration.Select(c => c.Brier))!, Spread.Of(gainCalibration.Select(c => c.ExpectedCalibrationError))!)],
             .. MemoryCalibration($"neighbours ({neighbours[0].Setting}): P({premium} beats {cheapest})", neighbours[0].Calibration),
             .. batch.SelectMany(b => MemoryCalibration($"batch gain model ({b.Setting}): P({premium} beats {cheapest})", b.Calibration)),
             .. MemoryCalibration($"train base rate: P({premium} beats {cheapest})", ReplayMemoryGains.BaseRate(dataset.Train, test, cheapest, premium))],
            latency, trainSeconds,
            string.Create(CultureInfo.InvariantCulture, $"{options.GainEpochs} epochs, step {options.Gain.LearningRate} / sqrt(1 + t / {options.Gain.LearningRateDecaySteps}) (floor {options.Gain.MinimumLearningRate}), L2 {options.Gain.L2}; neighbours on the prompt embedding, capacity {options.MemoryCapacity}: {string.Join(" | ", neighbours.Select(n => n.Setting))}; batch gain model on the gate input, {options.BatchIterations} iterations: {string.Join(" | ", batch.Select(b => b.Setting))}; answer-aware input: prompt + cheap answer ({options.AnswerFeatures}, {AnswerStatistics.AnswerWidth} answer statistics)"));
    }

    /// <summary>A calibration row of a deterministic estimate (one run), or none when it made no prediction.</summary>
    private static ReplayCalibration[] MemoryCalibration(string name, (double Predicted, double Observed)[] pairs)
    {
        if (pairs.Length == 0) return [];
        var calibration = Calibration.Of(pairs);
        return [new ReplayCalibration(name, Spread.Of([calibration.Brier])!, Spread.Of([calibration.ExpectedCalibrationError])!)];
    }

    /// <summary>Per item: the prompt's embedding and statistics; per item and expert: the recorded answer's, as the replay backend returns it.</summary>
    private async Task<ReplayInputs> EmbedAsync()
    {
        var items = dataset.Items;
        var prompts = await embedder.EmbedAsync([.. items.Select(i => i.Prompt)]);
        var answers = new List<(string Item, string Expert, string Text, long? OutputTokens)>();
        foreach (var item in items)
        {
            foreach (var expert in item.Outcomes.Keys)
            {
                var response = await _clients[expert].GetResponseAsync([new ChatMessage(ChatRole.User, item.Prompt)], ReplayChatClient.ForItem(item.Id));
                answers.Add((item.Id, expert, response.Text, response.Usage?.OutputTokenCount));
            }
        }
        var answerVectors = await embedder.EmbedAsync([.. answers.Select(a => a.Text)]);
        return new ReplayInputs(
            items.Select((item, k) => (item.Id, Vector: prompts[k])).ToDictionary(p => p.Id, p => p.Vector, StringComparer.Ordinal),
            items.ToDictionary(i => i.Id, i => PromptStatistics.Of(i.Prompt), StringComparer.Ordinal),
            answers.Select((a, k) => (Key: (a.Item, a.Expert), Vector: AnswerVector(answerVectors[k]), Statistics: AnswerStatisticsOf(a.Text, a.OutputTokens)))
                .ToDictionary(a => a.Key, a => (a.Vector, a.Statistics)));
    }

    /// <summary>The answer's statistics as the request path composes them (<see cref="AnswerStatistics.OfAnswer"/>); <c>--answer-features</c> can blank a block to measure what it adds.</summary>
    private float[] AnswerStatisticsOf(string text, long? outputTokens)
    {
        var statistics = AnswerStatistics.OfAnswer(text, outputTokens);
        if (options.AnswerFeatures == ReplayOptions.AnswerFeaturesWithoutStatistics) Array.Clear(statistics, PromptStatistics.Count, AnswerStatistics.Count);
        return statistics;
    }

    private float[] AnswerVector(float[] vector) =>
        options.AnswerFeatures == ReplayOptions.AnswerFeaturesWithoutEmbedding ? new float[vector.Length] : vector;

    /// <summary>
    /// The gate's success predictor (input: prompt embedding and statistics, as the router layer grain composes them) or the
    /// answer-acceptability predictor (input: prompt and answer embeddings, then the prompt's statistics and the answer's,
    /// <see cref="AnswerStatistics.OfAnswer"/>), trained online on
    /// the train items in a seeded order.
    /// </summary>
    private SuccessPredictor Train(IReadOnlyList<string> experts, ReplayInputs inputs, int seed, bool acceptability)
    {
        var statistics = acceptability ? AnswerFeatures.StatisticsWidth : PromptStatistics.Count;
        var dimension = acceptability ? AnswerFeatures.Dimension(embedder.Dimension) : embedder.Dimension + statistics;
        var predictor = new SuccessPredictor(dimension, experts, options.Predictor with { Heads = options.Heads, Seed = (ulong)seed }, statistics);
        var order = dataset.Train.ToArray();
        var shuffle = new Random(seed + 2);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            shuffle.Shuffle(order);   // online: one pass in a random order, as feedback would arrive
            foreach (var item in order)
            {
                var gateInput = acceptability ? null : predictor.Features(inputs.Prompts[item.Id], inputs.Statistics[item.Id]);
                foreach (var (expert, outcome) in item.Outcomes)
                    predictor.Observe(gateInput ?? AnswerInput(inputs, item, expert), expert, outcome.Quality);
            }
        }
        return predictor;
    }

    /// <summary>
    /// The gain head, trained on the gate's features of every train item for each pair of experts with both outcomes recorded
    /// (in live use: a preference between two answers), for several passes in a seeded order; its step size decays over the passes.
    /// </summary>
    private GainPredictor TrainGain(SuccessPredictor gate, ReplayInputs inputs, int seed)
    {
        var predictor = new GainPredictor(gate.Dimension, options.Gain);
        var order = dataset.Train.ToArray();
        var shuffle = new Random(seed + 3);
        for (var epoch = 0; epoch < options.GainEpochs; epoch++)
        {
            shuffle.Shuffle(order);
            foreach (var item in order)
            {
                var features = GateFeatures(gate, inputs, item);
                var outcomes = item.Outcomes.ToArray();
                for (var a = 0; a < outcomes.Length; a++)
                    for (var b = a + 1; b < outcomes.Length; b++)
                        predictor.Observe(features, outcomes[a].Key, outcomes[a].Value.Quality, outcomes[b].Key, outcomes[b].Value.Quality);
            }
        }
        return predictor;
    }

    /// <summary>
    /// The answer-aware gain head: the gain of each dearer expert over the cheapest, predicted from the prompt and the
    /// cheapest expert's recorded answer (the acceptability predictor's features), trained like <see cref="TrainGain"/>.
    /// </summary>
    private GainPredictor TrainAnswerGain(SuccessPredictor acceptability, ReplayInputs inputs, int seed, string cheapest)
    {
        var predictor = new GainPredictor(acceptability.Dimension, options.Gain);
        var order = dataset.Train.Where(i => i.Outcomes.ContainsKey(cheapest)).ToArray();
        var shuffle = new Random(seed + 4);
        for (var epoch = 0; epoch < options.GainEpochs; epoch++)
        {
            shuffle.Shuffle(order);
            foreach (var item in order)
            {
                var features = AnswerInput(inputs, item, cheapest);
                var cheap = item.Outcomes[cheapest].Quality;
                foreach (var (expert, outcome) in item.Outcomes)
                    if (expert != cheapest) predictor.Observe(features, cheapest, cheap, expert, outcome.Quality);
            }
        }
        return predictor;
    }

    private static float[] GateFeatures(SuccessPredictor gate, ReplayInputs inputs, ReplayItem item) =>
        gate.Features(inputs.Prompts[item.Id], inputs.Statistics[item.Id]);

    /// <summary>The acceptability predictor's input for an expert's recorded answer, composed as the request path composes it (<see cref="AnswerFeatures.Of(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>).</summary>
    private static float[] AnswerInput(ReplayInputs inputs, ReplayItem item, string expert)
    {
        var (answer, answerStatistics) = inputs.Answers[(item.Id, expert)];
        return AnswerFeatures.Of(inputs.Prompts[item.Id], inputs.Statistics[item.Id], answer, answerStatistics);
    }

    private static ExpertOption[] Options(SuccessPredictor gate, ReplayInputs inputs, ReplayItem item, Dictionary<string, double> expectedCost) =>
        [.. gate.Predict(GateFeatures(gate, inputs, item))
            .Select(e => new ExpertOption(e.ExpertId, expectedCost[e.ExpertId], e.Mean, e.StandardDeviation))];

    /// <summary>
    /// p50 and p95 of a routing decision on one 220-character prompt: embedding + statistics + predictor + gain policy, and
    /// the same without the embedding (the gate alone). A gate trained on nothing predicts as fast as a trained one.
    /// </summary>
    private async Task<ReplayLatency> MeasureLatencyAsync(IReadOnlyList<string> experts, Dictionary<string, double> expectedCost)
    {
        using var gate = new SuccessPredictor(embedder.Dimension + PromptStatistics.Count, experts, options.Predictor with { Heads = options.Heads }, PromptStatistics.Count);
        // A gain head with a head for every pair (one sample each, and no minimum), so each decision runs all of them.
        var gainHead = new GainPredictor(gate.Dimension, options.Gain with { MinimumSamples = 0 });
        var sample = gate.Features((await embedder.EmbedAsync([LatencyPrompt]))[0], PromptStatistics.Of(LatencyPrompt));
        for (var a = 0; a < experts.Count; a++)
            for (var b = a + 1; b < experts.Count; b++) gainHead.Observe(sample, experts[a], 0, experts[b], 1);
        var policy = new GainPerCostPolicy(LatencyTarget);
        string Decide(float[] embedding)
        {
            var features = gate.Features(embedding, PromptStatistics.Of(LatencyPrompt));
            var estimates = gate.Predict(features);
            var gains = gainHead.PredictAll(features, experts);
            return policy.Choose([.. estimates.Select(e => new ExpertOption(e.ExpertId, expectedCost[e.ExpertId], e.Mean, e.StandardDeviation))], gains).ExpertId;
        }

        var embedding = (await embedder.EmbedAsync([LatencyPrompt]))[0];
        for (var i = 0; i < 30; i++) Decide((await embedder.EmbedAsync([LatencyPrompt]))[0]);   // warm up JIT and native code
        var decisions = new double[LatencyRepetitions];
        var gates = new double[LatencyRepetitions];
        for (var i = 0; i < LatencyRepetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Decide((await embedder.EmbedAsync([LatencyPrompt]))[0]);
            decisions[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            Decide(embedding);
            gates[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(decisions);
        Array.Sort(gates);
        return new ReplayLatency(LatencyPrompt.Length, LatencyRepetitions, Environment.ProcessorCount,
            Percentile(decisions, 0.5), Percentile(decisions, 0.95), Percentile(gates, 0.5), Percentile(gates, 0.95));
    }

    /// <summary>Options limited to experts with a recorded outcome for the item: the replay backend cannot answer for the others.</summary>
    private static ExpertOption[] Available(ExpertOption[] options, ReplayItem item) =>
        options.Length == item.Outcomes.Count ? options : [.. options.Where(o => item.Outcomes.ContainsKey(o.ExpertId))];

    /// <summary>A router that calls one expert per item.</summary>
    private static Func<int, Ask, Task<string>> Single(Func<int, string> choose) => async (i, ask) =>
    {
        var expert = choose(i);
        await ask(expert, 0);
        return expert;
    };

    /// <summary>Calls an expert for the item being routed and returns its text: sample 0 is its recorded answer, n &gt;= 1 its n-th further answer (paid, not judged).</summary>
    private delegate Task<string> Ask(string expert, int sample);

    /// <summary>
    /// Routes every test item: <paramref name="route"/> calls experts through their replay backends (by item id) and names
    /// the one whose answer stands. Cost is every call's reported usage at its price; quality is the standing answer's; the
    /// share of an expert is the share of items it was called for.
    /// </summary>
    private async Task<ReplayCurvePoint> EvaluateAsync(string premium, double setting, Func<int, Ask, Task<string>> route)
    {
        var test = dataset.Test;
        var counts = _clients.Keys.ToDictionary(e => e, _ => 0, StringComparer.Ordinal);
        double cost = 0, quality = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var item = test[i];
            var qualities = new Dictionary<string, double>(StringComparer.Ordinal);
            async Task<string> Ask(string expert, int sample)
            {
                var response = await _clients[expert].GetResponseAsync([new ChatMessage(ChatRole.User, item.Prompt)], ReplayChatClient.ForItem(item.Id, sample));
                var usage = response.Usage!;
                cost += (double)prices[expert].CostOf(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
                if (sample > 0) return response.Text;   // a consistency sample: paid, compared, never the answer
                qualities[expert] = (double)response.AdditionalProperties![ReplayChatClient.QualityProperty]!;
                counts[expert]++;
                return response.Text;
            }
            var standing = await route(i, Ask);
            quality += qualities[standing];
        }
        var n = (double)test.Count;
        return new ReplayCurvePoint(setting, cost / n, quality / n, counts[premium] / n, counts.ToDictionary(c => c.Key, c => c.Value / n, StringComparer.Ordinal));
    }

    private double? MeanCost(IReadOnlyList<ReplayItem> items, string expert)
    {
        var costs = items.Where(i => i.Outcomes.ContainsKey(expert)).Select(i => CostOf(expert, i.Outcomes[expert])).ToArray();
        return costs.Length == 0 ? null : costs.Average();
    }

    private double CostOf(string expert, ReplayOutcome outcome) => (double)prices[expert].CostOf(outcome.InputTokens, outcome.OutputTokens);

    private static OperatingPoint ToOperatingPoint(ReplayCurvePoint point) => new(point.Cost, point.PremiumShare, point.Quality);

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private sealed record ReplayInputs(
        Dictionary<string, float[]> Prompts,
        Dictionary<string, float[]> Statistics,
        Dictionary<(string Item, string Expert), (float[] Vector, float[] Statistics)> Answers);
}
