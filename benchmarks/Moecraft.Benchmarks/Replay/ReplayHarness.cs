using System.Diagnostics;
using Microsoft.Extensions.AI;
using Moecraft.Embeddings;
using Moecraft.Experts;
using Moecraft.Experts.Replay;
using Moecraft.Gating;
using Moecraft.Torch.LlmGating;

namespace Moecraft.Benchmarks.Replay;

/// <summary>
/// The replay harness (BENCHMARKS 2): trains the success predictor on train items (every recorded quality fed back as a
/// score), routes test items without feedback through the replay backend while sweeping the quality target, and
/// measures the learned router against a random mix of cheapest and premium and the oracle that knows every outcome.
/// </summary>
internal sealed class ReplayHarness(ReplayDataset dataset, IReadOnlyDictionary<string, ExpertPricing> prices, ReplayOptions options)
{
    private const double RequiredShareOfBest = 0.95;
    private const double LatencyTarget = 0.8;   // the quality target used while timing decisions

    private readonly HashingEmbedder _embedder = new();

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
        var clients = experts.ToDictionary(e => e, e => new ReplayChatClient(e, dataset), StringComparer.Ordinal);
        var test = dataset.Test;

        using var predictor = new SuccessPredictor(_embedder.Dimension, experts, new SuccessPredictorOptions { Heads = options.Heads, Seed = (ulong)options.Seed });
        var trainSeconds = Train(predictor);
        log.WriteLine($"Trained on {dataset.Train.Count} items x {options.Epochs} epoch(s) in {trainSeconds:0.00} s ({predictor.Observations} feedback steps).");

        var (estimates, latencies) = PredictTest(predictor, expectedCost);
        var singles = new List<ReplayExpertSummary>();
        var singlePoints = new Dictionary<string, ReplayCurvePoint>(StringComparer.Ordinal);
        foreach (var (expert, index) in experts.Select((e, i) => (e, i)))
        {
            var fixedPolicy = new FixedExpertPolicy(expert);
            var point = await EvaluateAsync(clients, premium, index, i => fixedPolicy.Choose(Available(estimates[i], test[i])).ExpertId);
            singlePoints[expert] = point;
            singles.Add(new ReplayExpertSummary(expert, prices[expert].InputPerMillion, prices[expert].OutputPerMillion, point.Cost, point.Quality));
        }
        var bestSingle = singles.MaxBy(s => s.Quality)!;
        var required = RequiredShareOfBest * bestSingle.Quality;

        var targets = Enumerable.Range(0, (int)Math.Round(1 / options.TargetStep) + 1).Select(k => Math.Min(1, k * options.TargetStep)).ToArray();
        var learned = new List<ReplayCurvePoint>();
        var cascade = new List<ReplayCurvePoint>();
        foreach (var target in targets)
        {
            var cheapestAcceptable = new CheapestAcceptablePolicy(target, options.UncertaintyPenalty);
            learned.Add(await EvaluateAsync(clients, premium, target, i => cheapestAcceptable.Choose(Available(estimates[i], test[i])).ExpertId));
            var cascadePolicy = new CascadePolicy(target, options.MaxUncertainty);
            cascade.Add(await EvaluateAsync(clients, premium, target, i => cascadePolicy.Choose(Available(estimates[i], test[i])).ExpertId));
        }

        // Random: premium with probability p, else the cheapest (the mix APGR calls 0.5); seeded draws per item.
        var random = new Random(options.Seed + 1);
        var randomPoints = new List<ReplayCurvePoint>();
        for (var k = 0; k <= 10; k++)
        {
            var p = k / 10.0;
            var draws = test.Select(_ => random.NextDouble()).ToArray();
            randomPoints.Add(await EvaluateAsync(clients, premium, p, i => draws[i] < p ? premium : cheapest));
        }

        // Oracle: per item the expert maximising quality - lambda x cost, from the recorded outcomes; lambda swept.
        var scale = 1 / expectedCost[premium];
        var lambdas = new[] { 0.0 }.Concat(Enumerable.Range(0, 61).Select(k => scale * Math.Pow(10, -3 + 6.0 * k / 60))).Append(double.PositiveInfinity);
        var oraclePoints = new List<ReplayCurvePoint>();
        foreach (var lambda in lambdas)
        {
            oraclePoints.Add(await EvaluateAsync(clients, premium, lambda, i => test[i].Outcomes
                .OrderByDescending(o => double.IsPositiveInfinity(lambda) ? -CostOf(o.Key, o.Value) : o.Value.Quality - lambda * CostOf(o.Key, o.Value))
                .ThenBy(o => CostOf(o.Key, o.Value))
                .First().Key));
        }

        var cheapestPoint = ToOperatingPoint(singlePoints[cheapest]);
        var premiumPoint = ToOperatingPoint(singlePoints[premium]);
        ReplayRouterResult Summarise(string name, string setting, List<ReplayCurvePoint> points)
        {
            var operating = points.Select(ToOperatingPoint).ToArray();
            return new ReplayRouterResult(name, setting, points,
                ReplayMetrics.Apgr(operating, cheapestPoint, premiumPoint),
                ReplayMetrics.PremiumShareToReach(operating, cheapestPoint, premiumPoint, required));
        }

        var sorted = latencies.Order().ToArray();
        return new ReplayResult(
            datasetName, dataset.Train.Count, test.Count, options.Seed, options.Heads, options.Epochs, options.UncertaintyPenalty, options.MaxUncertainty,
            cheapest, premium, bestSingle.Id, required, singles,
            [
                Summarise("learned (cheapest acceptable)", "quality target", learned),
                Summarise("learned (cascade)", "quality target", cascade),
                Summarise("random (cheapest/premium mix)", "premium probability", randomPoints),
                Summarise("best fixed expert (prompt-blind)", "expert index", [.. singlePoints.Values]),
                Summarise("oracle", "lambda", oraclePoints),
            ],
            Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Average(), trainSeconds);
    }

    private double Train(SuccessPredictor predictor)
    {
        var started = Stopwatch.GetTimestamp();
        var embeddings = dataset.Train.ToDictionary(i => i.Id, i => _embedder.Embed(i.Prompt), StringComparer.Ordinal);
        var order = dataset.Train.ToArray();
        var shuffle = new Random(options.Seed + 2);
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            shuffle.Shuffle(order);   // online: one pass in a random order, as feedback would arrive
            foreach (var item in order)
            {
                foreach (var (expert, outcome) in item.Outcomes) predictor.Observe(embeddings[item.Id], expert, outcome.Quality);
            }
        }
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Predictions for every test item, and the time of each routing decision (embedding + predict + policy).</summary>
    private (IReadOnlyList<ExpertOption>[] Estimates, double[] LatenciesMs) PredictTest(SuccessPredictor predictor, Dictionary<string, double> expectedCost)
    {
        var test = dataset.Test;
        var policy = new CheapestAcceptablePolicy(LatencyTarget, options.UncertaintyPenalty);
        ExpertOption[] Decide(string prompt, out string chosen)
        {
            var estimates = predictor.Predict(_embedder.Embed(prompt));
            var result = estimates.Select(e => new ExpertOption(e.ExpertId, expectedCost[e.ExpertId], e.Mean, e.StandardDeviation)).ToArray();
            chosen = policy.Choose(result).ExpertId;
            return result;
        }

        for (var i = 0; i < Math.Min(50, test.Count); i++) Decide(test[i].Prompt, out _);   // warm up JIT and native code
        var estimatesPerItem = new IReadOnlyList<ExpertOption>[test.Count];
        var latencies = new double[test.Count];
        for (var i = 0; i < test.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            estimatesPerItem[i] = Decide(test[i].Prompt, out _);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return (estimatesPerItem, latencies);
    }

    /// <summary>Options limited to experts with a recorded outcome for the item: the replay backend cannot answer for the others.</summary>
    private static IReadOnlyList<ExpertOption> Available(IReadOnlyList<ExpertOption> options, ReplayItem item) =>
        options.Count == item.Outcomes.Count ? options : [.. options.Where(o => item.Outcomes.ContainsKey(o.ExpertId))];

    /// <summary>Routes every test item through the chosen expert's replay backend; cost from the reported usage and prices.</summary>
    private async Task<ReplayCurvePoint> EvaluateAsync(Dictionary<string, ReplayChatClient> clients, string premium, double setting, Func<int, string> choose)
    {
        var test = dataset.Test;
        var counts = clients.Keys.ToDictionary(e => e, _ => 0, StringComparer.Ordinal);
        double cost = 0, quality = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var expert = choose(i);
            var response = await clients[expert].GetResponseAsync([new ChatMessage(ChatRole.User, test[i].Prompt)]);
            var usage = response.Usage!;
            cost += (double)prices[expert].CostOf(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
            quality += (double)response.AdditionalProperties![ReplayChatClient.QualityProperty]!;
            counts[expert]++;
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
}
