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
        // On a narrow terminal the bias detail goes first; coherence, load and the degrading flag always show.
        new FittedTable<ExpertHealthReport> { Title = $"Router {health.RouterId}: epoch {health.Epoch}, {Formatting.Count(health.Steps)} steps observed" }
            .Column("Slot", e => e.Slot.ToString(CultureInfo.InvariantCulture), leaveOut: 2)
            .Column("Expert", e => Markup.Escape(e.ExpertId))
            .Column("Active", e => e.Active ? "yes" : "[yellow]no[/]", leaveOut: 1)
            .Column("phi_loo fast / mid / slow", e => $"{Number(e.PhiLeaveOneOut.Fast)} / {Number(e.PhiLeaveOneOut.Mid)} / {Number(e.PhiLeaveOneOut.Slow)}")
            .Column("phi slow", e => Number(e.Phi.Slow), leaveOut: 2)
            .Column("Load slow", e => Number(e.Load.Slow))
            .Column("Tokens", e => Formatting.Count(e.Tokens), leaveOut: 2)
            .Column("k", e => Number(e.BiasCoefficient), leaveOut: 3)
            .Column("beta", e => Number(e.Bias), leaveOut: 3)
            .Column("Degrading", e => e.Degrading ? "[red]yes[/]" : "no")
            .Column("B", e => Number(e.Bimodality), leaveOut: 3)
            .Write(console, health.Experts);

        var f = health.FreeEnergy;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Neff {Number(health.EffectiveExperts)}  MaxVio {Number(health.MaxViolation)}  saturation {Number(health.Saturation)}  Psi {Number(health.Psi)}  Psi_loo {Number(health.PsiLeaveOneOut)}  r {Number(health.Relevance)}")));
        console.MarkupLine(Markup.Escape(
            $"F = (1 - Psi_slow {Number(f.SlowCoherence)}) + 0.1 N {Number(f.Complexity)} + 0.5 R {Number(f.Redundancy)} + 0.5 I {Number(f.Instability)} = {Number(f.Value)}"));
        return ExitCodes.Success;
    }

    private static string Number(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
