using System.CommandLine;
using System.Globalization;
using Moecraft.Client;
using Moecraft.Routing;
using Moecraft.Tenants;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft tenants</c> (or <c>tenants list</c>): every tenant with its budget, period, policy, keys and spending;
/// <c>tenants create ID --budget N [--period daily|monthly] [--quality q] [--policy p]</c>;
/// <c>tenants set ID [--budget N] [--period p] [--quality q] [--policy p]</c> changes only what is given (keys stay).
/// </summary>
internal static class TenantsCommand
{
    public static Command Create()
    {
        var command = new Command("tenants", "List tenants (budget, period, policy, keys, spending); 'tenants create' and 'tenants set' change them.")
        {
            CreateList(), CreateCreate(), CreateSet(),
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken, (client, _, ct) => ListAsync(client, ct)));
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List every tenant.");
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken, (client, _, ct) => ListAsync(client, ct)));
        return command;
    }

    private static Command CreateCreate()
    {
        var id = TenantArguments.IdArgument();
        var budget = new Option<decimal>("--budget") { Description = "What the tenant may spend per period.", HelpName = "amount", Required = true }
            .AboveZero();
        var (period, quality, policy) = SettingOptions();
        var command = new Command("create", "Create a tenant (then issue it keys with 'moecraft keys create').") { id, budget, period, quality, policy };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var tenant = parseResult.GetRequiredValue(id);
                var settings = new TenantSettings(
                    parseResult.GetValue(budget),
                    parseResult.GetValue(period) is { } p ? TenantArguments.Period(p) : BudgetPeriod.Monthly,
                    parseResult.GetValue(quality) ?? 0.7,
                    parseResult.GetValue(policy) ?? RoutingPolicyNames.Cheapest,
                    []);
                var created = await client.CreateTenantAsync(tenant, settings).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape($"Tenant '{tenant}' created: {Describe(created)}."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateSet()
    {
        var id = TenantArguments.IdArgument();
        var budget = new Option<decimal?>("--budget") { Description = "What the tenant may spend per period.", HelpName = "amount" }
            .AboveZero();
        var (period, quality, policy) = SettingOptions();
        var command = new Command("set", "Change a tenant's settings; those not given keep their value, and its keys stay.") { id, budget, period, quality, policy };
        command.Validators.Add(result =>
        {
            if (new Option[] { budget, period, quality, policy }.All(o => result.GetResult(o) is null))
                result.AddError("Give at least one of --budget, --period, --quality, --policy.");
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var tenant = parseResult.GetRequiredValue(id);
                var changes = new TenantChanges(
                    parseResult.GetValue(budget),
                    parseResult.GetValue(period) is { } p ? TenantArguments.Period(p) : null,
                    parseResult.GetValue(quality),
                    parseResult.GetValue(policy));
                var changed = await client.ChangeTenantAsync(tenant, changes).WaitAsync(ct);
                Terminal.Out.MarkupLine(Markup.Escape($"Tenant '{tenant}' set: {Describe(changed)}."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static async Task<int> ListAsync(MoecraftClient client, CancellationToken cancellationToken)
    {
        var tenants = await client.ListTenantsAsync().WaitAsync(cancellationToken);
        if (tenants.Count == 0)
        {
            Terminal.Out.MarkupLine("No tenants yet; create one with 'moecraft tenants create ID --budget N'.");
            return ExitCodes.Success;
        }
        var table = new Table().AddColumns("tenant", "budget", "period", "quality", "policy", "keys", "spent", "remaining");
        foreach (var (id, settings) in tenants)
        {
            var usage = await client.GetTenantUsageAsync(id).WaitAsync(cancellationToken);
            table.AddRow(
                Markup.Escape(id),
                settings.Budget.ToString(CultureInfo.InvariantCulture),
                BudgetPeriodNames.Format(settings.Period),
                settings.QualityTarget.ToString("0.##", CultureInfo.InvariantCulture),
                Markup.Escape(settings.RoutingPolicy),
                settings.ApiKeys.Length.ToString(CultureInfo.InvariantCulture),
                Formatting.Cost(usage.Spent),
                Formatting.Cost(usage.Remaining));
        }
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine(Markup.Escape($"{tenants.Count} tenant(s)."));
        return ExitCodes.Success;
    }

    private static string Describe(TenantSettings settings) =>
        $"budget {settings.Budget.ToString(CultureInfo.InvariantCulture)} {BudgetPeriodNames.Format(settings.Period)}, "
        + $"quality target {settings.QualityTarget.ToString("0.##", CultureInfo.InvariantCulture)}, policy {settings.RoutingPolicy}, {settings.ApiKeys.Length} key(s)";

    private static (Option<string?> Period, Option<double?> Quality, Option<string?> Policy) SettingOptions() =>
        (TenantArguments.PeriodOption(), TenantArguments.QualityOption(), TenantArguments.PolicyOption());
}
