namespace Moecraft.Governance;

public static class GovernanceIds
{
    /// <summary>The governance every router obeys unless its settings name another.</summary>
    public const string Cluster = "cluster";

    /// <exception cref="ArgumentException">Empty, longer than 128 characters, or not letters, digits, '-', '_', '.'.</exception>
    public static void Validate(string governanceId, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(governanceId) || governanceId.Length > 128
            || !governanceId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException(
                $"Governance id '{governanceId}' must be 1 to 128 letters, digits, '-', '_' or '.'.", parameterName);
    }
}
