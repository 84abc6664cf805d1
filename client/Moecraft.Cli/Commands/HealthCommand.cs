using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Routing;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary><c>moecraft health</c>: a router layer's coherence on the three clocks, load, bias and free energy.</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var router = RouterOption.Create();
        var command = new Command("health", "Show a router's coherence, clocks, load, bias and free energy.") { router };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, _) => RunAsync(client, parseResult.GetRequiredValue(router))));
        return command;
    }

    private static async Task<int> RunAsync(MoecraftClient client, string routerId)
    {
        var health = await client.GetHealthAsync(routerId);
        var console = Terminal.Out;
        var table = new Table()
            .Title($"Router {Markup.Escape(health.RouterId)}: epoch {health.Epoch}, {Formatting.Count(health.Steps)} steps observed")
            .AddColumns("Slot", "Expert", "Active", "phi_loo fast / mid / slow", "phi slow", "Load slow", "Tokens", "k", "beta", "Degrading", "B");
        foreach (var e in health.Experts)
        {
            table.AddRow(
                e.Slot.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(e.ExpertId),
                e.Active ? "yes" : "[yellow]no[/]",
                $"{Number(e.PhiLeaveOneOut.Fast)} / {Number(e.PhiLeaveOneOut.Mid)} / {Number(e.PhiLeaveOneOut.Slow)}",
                Number(e.Phi.Slow),
                Number(e.Load.Slow),
                Formatting.Count(e.Tokens),
                Number(e.BiasCoefficient),
                Number(e.Bias),
                e.Degrading ? "[red]yes[/]" : "no",
                Number(e.Bimodality));
        }
        console.Write(table);

        var f = health.FreeEnergy;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Neff {Number(health.EffectiveExperts)}  MaxVio {Number(health.MaxViolation)}  saturation {Number(health.Saturation)}  Psi {Number(health.Psi)}  Psi_loo {Number(health.PsiLeaveOneOut)}  r {Number(health.Relevance)}")));
        console.MarkupLine(Markup.Escape(
            $"F = (1 - Psi_slow {Number(f.SlowCoherence)}) + 0.1 N {Number(f.Complexity)} + 0.5 R {Number(f.Redundancy)} + 0.5 I {Number(f.Instability)} = {Number(f.Value)}"));
        return ExitCodes.Success;
    }

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
