using Moecraft.Tenants;

namespace Moecraft.Cli;

/// <summary>Parses what <c>moecraft tenants</c> and <c>moecraft keys</c> take; a bad word is a usage error (exit 2).</summary>
internal static class TenantArguments
{
    public static BudgetPeriod Period(string value)
    {
        try
        {
            return BudgetPeriodNames.Parse(value);
        }
        catch (ArgumentException)
        {
            throw new CliException(ExitCodes.Usage, $"--period must be {BudgetPeriodNames.Daily} or {BudgetPeriodNames.Monthly}, got '{value}'.");
        }
    }

    public static string TenantId(string value)
    {
        try
        {
            return TenantIds.Validate(value, "tenant");
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message.Replace(" (Parameter 'tenant')", "", StringComparison.Ordinal));
        }
    }

    /// <summary>How a key's limits read: "60 requests/min, 10,000 tokens/min" or "60 requests/min, no token limit".</summary>
    public static string Limits(int requestsPerMinute, int? tokensPerMinute) =>
        $"{Formatting.Count(requestsPerMinute)} requests/min, "
        + (tokensPerMinute is { } tokens ? $"{Formatting.Count(tokens)} tokens/min" : "no token limit");
}
