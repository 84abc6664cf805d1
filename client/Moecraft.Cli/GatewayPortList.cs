using System.Globalization;

namespace Moecraft.Cli;

/// <summary>Parses gateway ports written as "30000", "30000,30001" or several such values.</summary>
internal static class GatewayPortList
{
    public static bool TryParse(IEnumerable<string> values, out int[] ports, out string? error)
    {
        var parsed = new List<int>();
        foreach (var value in values)
        {
            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                {
                    ports = [];
                    error = $"'{part}' is not a valid gateway port (expected a number from 1 to 65535).";
                    return false;
                }
                if (!parsed.Contains(port)) parsed.Add(port);
            }
        }

        if (parsed.Count == 0)
        {
            ports = [];
            error = "No gateway port was given.";
            return false;
        }

        ports = [.. parsed];
        error = null;
        return true;
    }
}
