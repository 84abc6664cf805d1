using System.Globalization;
using System.Runtime.InteropServices;
using Moecraft.Benchmarks.CommandLine;
using Moecraft.Torch.CharModel;

namespace Moecraft.Benchmarks.ToyBench;

/// <summary>
/// <c>toybench</c>: trains every requested arm x fault x seed (BENCHMARKS 1) against router layer grains in an in-process
/// silo, runs the bimodality known answer, prints the report and writes it as markdown and JSON after every run (so an
/// interrupted bench leaves what it finished). <c>--merge</c> combines the JSON of runs made in separate processes.
/// </summary>
internal static class ToyBenchCommand
{
    public const string Name = "toybench";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (options, exitCode) = OptionArgs.ParseOrExit(() => ToyBenchOptions.Parse(args), o => o.ShowHelp, ToyBenchOptions.Usage);
        if (options is null) return exitCode!.Value;

        return options.Merge.Count > 0 ? await MergeAsync(options) : await TrainAsync(options, string.Join(' ', args));
    }

    private static async Task<int> TrainAsync(ToyBenchOptions options, string arguments)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        var cases = options.Cases();
        var commandLine = $"toybench {arguments}".TrimEnd();
        Console.WriteLine($"Toy bench: {cases.Count} runs of {options.Steps} steps; results in {Path.GetFullPath(options.OutputDirectory)}");
        var corpus = CharCorpus.LoadEmbedded();
        await using var silo = await ToyBenchSilo.StartAsync();

        var bimodality = await BimodalityCheck.RunAsync(silo.Grains);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bimodality known answer: B bimodal {bimodality.BimodalB:F3}, unimodal {bimodality.UnimodalB:F3}; split bimodal {bimodality.SplitProposedForBimodal}, unimodal {bimodality.SplitProposedForUnimodal}"));

        var runs = new List<ToyBenchRunResult>();
        ToyBenchDocument document = Document([commandLine], runs, bimodality);
        for (var i = 0; i < cases.Count; i++)
        {
            Console.WriteLine($"Run {i + 1}/{cases.Count}: {cases[i].Name}");
            try
            {
                runs.Add(await ToyBenchRun.RunAsync(cases[i], options, corpus, silo.Grains, Console.Out, cancellation.Token));
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Cancelled; the report holds the runs that finished.");
                break;
            }

            Console.WriteLine(Summary(runs[^1]));
            document = Document([commandLine], runs, bimodality);
            await ToyBenchReport.WriteAsync(document, options.OutputDirectory);
        }

        await ToyBenchReport.WriteAsync(document, options.OutputDirectory);
        Console.Write(ToyBenchReport.ToText(document));
        return 0;
    }

    private static async Task<int> MergeAsync(ToyBenchOptions options)
    {
        var documents = new List<ToyBenchDocument>();
        foreach (var directory in options.Merge) documents.Add(await ToyBenchReport.ReadAsync(directory));

        // A run that appears twice (same arm, fault and seed) keeps the later copy.
        var runs = documents.SelectMany(d => d.Runs).GroupBy(r => r.Name).Select(g => g.Last()).ToList();
        var bimodality = documents.Select(d => d.Bimodality).LastOrDefault(b => b is not null);
        var document = Document([.. documents.SelectMany(d => d.CommandLines)], runs, bimodality);
        await ToyBenchReport.WriteAsync(document, options.OutputDirectory);
        Console.Write(ToyBenchReport.ToText(document));
        Console.WriteLine($"Merged {runs.Count} runs from {string.Join(", ", options.Merge)} into {Path.GetFullPath(options.OutputDirectory)}");
        return 0;
    }

    private static ToyBenchDocument Document(string[] commandLines, IReadOnlyList<ToyBenchRunResult> runs, BimodalityCheckResult? bimodality) =>
        new(DateTimeOffset.UtcNow, Machine(), commandLines, [.. runs.OrderBy(r => r.ArmKind).ThenBy(r => r.FaultKind).ThenBy(r => r.Seed)],
            bimodality, [.. GoalCheck.Evaluate(runs, bimodality)]);

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}";

    private static string Summary(ToyBenchRunResult run) => string.Create(CultureInfo.InvariantCulture,
        $"  => val loss {run.ValidationLoss:F3}, MaxVio_global {string.Join(" / ", run.Layers.Select(l => l.MaxVioGlobal.ToString("F3", CultureInfo.InvariantCulture)))}, " +
        $"{run.MedianStepSeconds * 1000:F1} ms/step, controller {run.ControllerOverhead:P2}, live tensors {run.LiveTensorsMin}..{run.LiveTensorsMax}, {run.WallSeconds:F0} s");
}
