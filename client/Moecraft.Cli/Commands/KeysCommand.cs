using System.CommandLine;
using Moecraft.Client;
using Moecraft.Tenants;
using Spectre.Console;

namespace Moecraft.Cli.Commands;

/// <summary>
/// <c>moecraft keys --tenant t</c> (or <c>keys list</c>): a tenant's API keys (id, name, created, limits, admin);
/// <c>keys create --tenant t --name n [--rpm N] [--tpm N] [--admin]</c> prints the new key once;
/// <c>keys revoke --tenant t ID</c> revokes a key from its next request on.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var tenant = TenantOption();
        var command = new Command("keys", "List a tenant's API keys; 'keys create' issues one (shown once), 'keys revoke' revokes one.")
        {
            tenant, CreateList(), CreateCreate(), CreateRevoke(),
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, ct) => ListAsync(client, parseResult.GetRequiredValue(tenant), ct)));
        return command;
    }

    private static Command CreateList()
    {
        var tenant = TenantOption();
        var command = new Command("list", "List a tenant's API keys (never the keys themselves).") { tenant };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            (client, _, ct) => ListAsync(client, parseResult.GetRequiredValue(tenant), ct)));
        return command;
    }

    private static Command CreateCreate()
    {
        var tenant = TenantOption();
        var name = new Option<string>("--name") { Description = "What the key is for (1-64 characters).", HelpName = "name", Required = true }.NotBlank();
        var rpm = new Option<int>("--rpm")
        {
            Description = $"Requests per minute (default {ApiKeyRequest.DefaultRequestsPerMinute}).", HelpName = "N",
            DefaultValueFactory = _ => ApiKeyRequest.DefaultRequestsPerMinute,
        }.InRange(1, int.MaxValue);
        var tpm = new Option<int?>("--tpm") { Description = "Model tokens per minute (default: no token limit).", HelpName = "N" }.InRange(1, int.MaxValue);
        var admin = new Option<bool>("--admin") { Description = "An operator's key: it authenticates with the admin role." };
        var command = new Command("create", "Issue a new API key; the cluster generates it, keeps only its hash and shows it this once.")
        {
            tenant, name, rpm, tpm, admin,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var id = parseResult.GetRequiredValue(tenant);
                var request = new ApiKeyRequest(parseResult.GetRequiredValue(name), parseResult.GetValue(rpm), parseResult.GetValue(tpm), parseResult.GetValue(admin));
                var issued = await client.CreateApiKeyAsync(id, request).WaitAsync(ct);
                var key = issued.Settings;
                Terminal.Out.MarkupLine(Markup.Escape(
                    $"API key {key.Id} '{key.Name}' issued for tenant '{id}'{(key.Admin ? " (admin)" : "")}: {TenantArguments.Limits(key.RequestsPerMinute, key.TokensPerMinute)}."));
                Terminal.Out.WriteLine(issued.Key);
                Terminal.Out.MarkupLine("Store it now: it is shown only this once (the cluster keeps only its hash).");
                return ExitCodes.Success;
            }));
        return command;
    }

    private static Command CreateRevoke()
    {
        var tenant = TenantOption();
        var id = new Argument<string>("id") { Description = "The key's id, as 'moecraft keys' lists it." }.NotBlank("The key id");
        var command = new Command("revoke", "Revoke an API key: it authenticates nothing from the next request on.") { id, tenant };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(parseResult, cancellationToken,
            async (client, _, ct) =>
            {
                var owner = parseResult.GetRequiredValue(tenant);
                var keyId = parseResult.GetRequiredValue(id).Trim();
                var revoked = await client.RevokeApiKeyAsync(owner, keyId).WaitAsync(ct)
                    ?? throw new CliException(ExitCodes.Rejected, $"Tenant '{owner}' has no API key with id '{keyId}'; 'moecraft keys --tenant {owner}' lists them.");
                Terminal.Out.MarkupLine(Markup.Escape($"API key {revoked.Id}{(revoked.Name is null ? "" : $" '{revoked.Name}'")} of tenant '{owner}' revoked."));
                return ExitCodes.Success;
            }));
        return command;
    }

    private static async Task<int> ListAsync(MoecraftClient client, string tenant, CancellationToken cancellationToken)
    {
        var keys = await client.ListApiKeysAsync(tenant).WaitAsync(cancellationToken);
        if (keys.IsDefaultOrEmpty)
        {
            Terminal.Out.MarkupLine(Markup.Escape($"Tenant '{tenant}' has no API keys; issue one with 'moecraft keys create --tenant {tenant} --name NAME'."));
            return ExitCodes.Success;
        }
        var table = new Table().AddColumns("id", "name", "created (UTC)", "requests/min", "tokens/min", "admin");
        foreach (var key in keys)
        {
            table.AddRow(
                key.Id,
                Markup.Escape(key.Name ?? "-"),
                key.CreatedAt == default ? "-" : Formatting.UtcTime(key.CreatedAt.UtcDateTime),
                Formatting.Count(key.RequestsPerMinute),
                key.TokensPerMinute is { } tokens ? Formatting.Count(tokens) : "no limit",
                key.Admin ? "admin" : "");
        }
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine(Markup.Escape($"{keys.Length} key(s) of tenant '{tenant}'."));
        return ExitCodes.Success;
    }

    private static Option<string> TenantOption() => TenantArguments.Tenant("Tenant id.", required: true);
}
