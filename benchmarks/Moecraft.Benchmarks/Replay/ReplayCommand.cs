using Moecraft.Benchmarks.CommandLine;
using Moecraft.Experts.Replay;

namespace Moecraft.Benchmarks.Replay;

/// <summary>The <c>replay</c> command (BENCHMARKS 2): generate or read a replay dataset, run the harness, print and write the results.</summary>
internal static class ReplayCommand
{
    public const string Name = "replay";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (options, exitCode) = OptionArgs.ParseOrExit(() => ReplayOptions.Parse(args), o => o.ShowHelp, ReplayOptions.Usage);
        if (options is null) return exitCode!.Value;

        Directory.CreateDirectory(options.OutputDirectory);
        ReplayDataset dataset;
        string datasetName;
        IReadOnlyDictionary<string, Moecraft.Experts.ExpertPricing> prices;
        try
        {
            if (options.DataPath is { } path)
            {
                dataset = ReplayDataset.Load(path);
                datasetName = Path.GetFileName(path);
                prices = options.Prices!;
            }
            else
            {
                // Written and read back, so the generated data goes through the JSONL format like any other.
                var generated = ReplayDataGenerator.Generate(options.Items, options.Seed, options.TestShare);
                var file = Path.Combine(options.OutputDirectory, "dataset.jsonl");
                await using (var writer = new StreamWriter(file)) generated.Write(writer);
                dataset = ReplayDataset.Load(file);
                datasetName = $"generated, {options.Items} items";
                prices = ReplayDataGenerator.Prices;
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        if (options.ValidationShare is { } share)
        {
            dataset = ReplayValidationSplit.Of(dataset, share);
            datasetName += $", validation slice {share:0.##} of train";
        }

        ReplayResult result;
        try
        {
            using var embedder = await ReplayEmbedder.CreateAsync(options.Embedder, options.SiloConfiguration);
            result = await new ReplayHarness(dataset, prices, options, embedder).RunAsync(datasetName, Console.Out);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        Console.WriteLine();
        Console.Write(ReplayReport.ToText(result));
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "replay.md"), ReplayReport.ToMarkdown(result));
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "replay.json"), ReplayReport.ToJson(result));
        Console.WriteLine($"\nResults: {Path.GetFullPath(options.OutputDirectory)} (replay.md, replay.json, dataset.jsonl when generated)");
        return 0;
    }
}
